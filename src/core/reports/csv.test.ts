import { describe, expect, it } from "vitest";
import type { PublicRecord } from "../records/public-record.ts";
import { buildReport, countsForPeriod } from "./build-report.ts";
import { countRecords } from "./case-summary.ts";
import { csvField, reportCsv, toCsv } from "./csv.ts";
import { PEER_COLUMNS, PEER_FORMATS, peerCsv } from "./peer-columns.ts";
import { parsePeriod } from "./period.ts";

/** A minimal RFC 4180 reader, to check that what we write reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

function records(): PublicRecord[] {
  return Array.from({ length: 12 }, (_, i) => ({
    format: "lightswitch.public-record/v1",
    event_id: `evt_${String(i).padStart(8, "0")}`,
    event_type: i % 3 === 0 ? "delivered" : "received",
    date: "2026-04-02",
    commitment: (i % 12).toString(16).padStart(64, "0"),
    visibility: "public",
    details: {
      requesting_state: "BR",
      requested_party: { state: "US", party: "provider" },
      instrument: "bilateral",
      conduct: ["fraud"],
      measures: i < 6 ? ["content_data"] : ["subscriber_info", "preservation"],
      verdict: "execute",
      refusal_grounds: [],
    },
  }));
}

const H1 = parsePeriod("2026H1");
const report = (threshold: number) =>
  buildReport(H1, countsForPeriod(countRecords(records()), H1, 12), threshold);

describe("CSV", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "no"', '"say ""no"""'],
    ["two\nlines", '"two\nlines"'],
    [" padded", '" padded"'],
    ["1-9", "1-9"],
  ])("quotes %j as %s", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it("writes null as an empty field and ends every line with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, null]])).toBe("a,b\r\n1,\r\n");
  });

  it("reads back to the same fields", () => {
    const rows = [["x,y", 'q"q', "multi\r\nline", ""]];
    expect(parseCsv(toCsv(["a", "b", "c", "d"], rows))).toEqual([["a", "b", "c", "d"], ...rows]);
  });

  it("Lightswitch's columns: one row per cell, banded as in the JSON", () => {
    const rows = parseCsv(reportCsv(report(10)));
    expect(rows[0]).toEqual(["period", "dimension", "key", "cases"]);
    expect(rows).toContainEqual(["2026H1", "requesting_state", "BR", "12"]);
    expect(rows).toContainEqual(["2026H1", "event", "delivered", "1-9"]);
    expect(rows).toContainEqual(["2026H1", "event", "refused", "0"]);
  });
});

describe("the providers' column sets", () => {
  it.each(PEER_FORMATS)("%s: the exact published header, one row per country", (format) => {
    const rows = parseCsv(peerCsv(report(1), format));
    expect(rows[0]).toEqual(PEER_COLUMNS[format]);
    expect(rows.length).toBe(2);
  });

  it("Google: period end, country name and CLDR code, instrument as legal process, bare percentage, no accounts", () => {
    const [, row] = parseCsv(peerCsv(report(1), "google"));
    expect(row).toEqual(["2026-06-30", "Brazil", "BR", "Bilateral treaty", "12", "33.33", ""]);
  });

  it("Meta: percentage with a % sign, preservations requested, unknown accounts left empty", () => {
    const [, row] = parseCsv(peerCsv(report(1), "meta"));
    expect(row).toEqual(["Brazil", "12", "", "33.33%", "", "6", ""]);
  });

  it("Microsoft: content and non-content shares; no data found is not known and left empty", () => {
    const [, row] = parseCsv(peerCsv(report(1), "microsoft"));
    expect(row).toEqual(["Brazil", "12", "", "16.67%", "16.67%", "", "0.00%"]);
  });

  it("with banding, small counts are bands and their percentages are left empty", () => {
    const [, row] = parseCsv(peerCsv(report(10), "meta"));
    expect(row).toEqual(["Brazil", "12", "", "", "", "1-9", ""]);
  });
});
