import { describe, expect, it } from "vitest";
import { halvesCovering, parsePeriod } from "./period.ts";
import { ReportError } from "./report-error.ts";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return error instanceof ReportError ? error.code : "OTHER";
  }
  return undefined;
}

describe("reporting periods", () => {
  it.each([
    ["2026", "year", "2026-01-01", "2026-12-31", 12],
    ["2026H1", "half", "2026-01-01", "2026-06-30", 6],
    ["2026H2", "half", "2026-07-01", "2026-12-31", 6],
    ["2026Q1", "quarter", "2026-01-01", "2026-03-31", 3],
    ["2026Q3", "quarter", "2026-07-01", "2026-09-30", 3],
    ["2026-05", "month", "2026-05-01", "2026-05-31", 1],
    ["2028-02", "month", "2028-02-01", "2028-02-29", 1],
    ["2026-02", "month", "2026-02-01", "2026-02-28", 1],
  ])("%s is a %s from %s to %s (%i months)", (label, kind, start, end, months) => {
    const period = parsePeriod(label);
    expect(period).toMatchObject({ kind, label, start, end });
    expect(period.months).toHaveLength(months);
    expect(period.months[0]).toBe(start.slice(0, 7));
    expect(period.months.at(-1)).toBe(end.slice(0, 7));
  });

  it.each([
    "",
    "2026H3",
    "2026Q5",
    "2026-13",
    "2026-00",
    "2026-1",
    "26H1",
    "2026h1",
    "1969",
    "2026H1/../../etc",
    " 2026",
  ])("refuses %j", (label) => {
    expect(codeOf(() => parsePeriod(label))).toBe("PERIOD_INVALID");
  });

  it("lists the halves that cover a set of months", () => {
    expect(halvesCovering(["2026-07", "2025-01", "2026-06", "2026-12"])).toEqual([
      "2025H1",
      "2026H1",
      "2026H2",
    ]);
  });
});
