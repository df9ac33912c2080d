import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { buildReport, countsForPeriod } from "./build-report.ts";
import { countRecords } from "./case-summary.ts";
import { reportCsv } from "./csv.ts";
import { PEER_FORMATS, peerCsv } from "./peer-columns.ts";
import { parsePeriod } from "./period.ts";
import type { Report } from "./report-schema.ts";
import { syntheticRecords } from "./synthetic-records.ts";

const YEAR = parsePeriod("2026");
const NOT_COUNTS = new Set(["threshold", "log_size"]);

/** Every count in the JSON, wherever it is (percentages and parameters aside). */
function publishedCounts(value: unknown, key = ""): number[] {
  if (typeof value === "number") return NOT_COUNTS.has(key) || key.startsWith("percent_") ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => publishedCounts(v, key));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => publishedCounts(v, k));
  return [];
}

function report(cases: number, seed: number, threshold: number): Report {
  const records = [...syntheticRecords({ cases, seed, firstDay: "2025-12-01", days: 400 })];
  return buildReport(YEAR, countsForPeriod(countRecords(records), YEAR, records.length), threshold);
}

const isPublishable = (n: number, threshold: number) => n === 0 || n >= threshold;

describe("banding is applied to every cell in every format", () => {
  test.prop(
    [fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 25 })],
    {
      numRuns: 40,
    },
  )(
    "no count from 1 to threshold−1 appears in the JSON, the CSV or a provider's CSV",
    (cases, seed, threshold) => {
      const r = report(cases, seed, threshold);
      for (const n of publishedCounts(r)) expect(isPublishable(n, threshold), `count ${n}`).toBe(true);

      const band = r.banding.band;
      const fieldOk = (field: string) =>
        field === "" || field === band || (/^\d+$/.test(field) && isPublishable(Number(field), threshold));
      for (const line of reportCsv(r).split("\r\n").slice(1, -1))
        expect(fieldOk(line.split(",")[3]!), line).toBe(true);
      const countColumns = { google: [4], meta: [1, 5], microsoft: [1] } as const;
      for (const format of PEER_FORMATS)
        for (const line of peerCsv(r, format).split("\r\n").slice(1, -1)) {
          // A quoted country name may hold a comma: the columns after it shift by the extra fields.
          const fields = line.split(",");
          const offset = fields.length - 7;
          for (const column of countColumns[format])
            expect(fieldOk(fields[column + offset]!), line).toBe(true);
        }
    },
  );
});
