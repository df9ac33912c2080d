import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { PUBLIC_EVENT_TYPES, type PublicRecord } from "../records/public-record.ts";
import { type CaseSummary, cellDelta, cellsOf, countRecords, foldRecord, outcomeOf } from "./case-summary.ts";

const recordArbitrary: fc.Arbitrary<PublicRecord> = fc
  .record({
    caseNo: fc.integer({ min: 0, max: 5 }),
    type: fc.constantFrom(...PUBLIC_EVENT_TYPES),
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    isPublic: fc.boolean(),
    state: fc.constantFrom("FR", "US", "BR"),
    measures: fc.subarray(["subscriber_info", "content_data", "preservation"] as const),
    verdict: fc.option(fc.constantFrom("execute", "refuse", "review" as const), { nil: undefined }),
  })
  .map(({ caseNo, type, day, month, isPublic, state, measures, verdict }): PublicRecord => {
    const base = {
      format: "lightswitch.public-record/v1" as const,
      event_id: `evt_${caseNo}_${type}_${month}_${day}`,
      event_type: type,
      date: `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      commitment: String(caseNo).padStart(64, "0"),
    };
    if (!isPublic) return { ...base, visibility: "sealed" };
    return {
      ...base,
      visibility: "public",
      details: {
        requesting_state: state,
        requested_party: { state: "IE", party: "provider" },
        instrument: "budapest-2001",
        conduct: ["fraud"],
        measures: [...measures],
        ...(verdict === undefined ? {} : { verdict }),
        refusal_grounds: [],
      },
    };
  });

describe("a case's summary and cells", () => {
  test.prop([fc.array(recordArbitrary, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 5 })])(
    "applying each batch's delta, however the log is split into batches, gives the counts of folding everything at once",
    (records, cuts) => {
      const bounds = [...new Set([0, ...cuts.map((c) => c % (records.length + 1)), records.length])].sort(
        (a, b) => a - b,
      );
      const summaries = new Map<string, CaseSummary>();
      const counts = new Map<string, number>();
      for (let b = 1; b < bounds.length; b++) {
        const before = new Map(summaries);
        for (const record of records.slice(bounds[b - 1], bounds[b]))
          summaries.set(record.commitment, foldRecord(summaries.get(record.commitment), record));
        for (const [commitment, summary] of summaries)
          if (summary !== before.get(commitment)) cellDelta(before.get(commitment), summary, counts);
      }
      expect(counts).toEqual(countRecords(records));
      for (const n of counts.values()) expect(n).toBeGreaterThan(0);
    },
  );

  it("a sealed case has only its sealed count and its events", () => {
    const summary: CaseSummary = {
      firstDay: "2026-03-04",
      firstEvents: { received: "2026-03-04", sealed: "2026-04-01" },
    };
    expect(cellsOf(summary)).toEqual([
      { month: "2026-03", dimension: "event", key: "received" },
      { month: "2026-04", dimension: "event", key: "sealed" },
      { month: "2026-03", dimension: "cases", key: "sealed" },
    ]);
  });

  it.each([
    [{ delivered: "2026-01-02" }, ["content_data"], "produced_content"],
    [{ executed: "2026-01-02" }, ["subscriber_info"], "produced_non_content"],
    [{ refused: "2026-01-02" }, ["content_data"], "refused"],
    [{ received: "2026-01-02" }, ["content_data"], "pending"],
  ] as const)("events %j with measures %j: the case was answered %s", (firstEvents, measures, outcome) => {
    const summary: CaseSummary = {
      firstDay: "2026-01-01",
      firstEvents,
      details: {
        requesting_state: "FR",
        requested_party: { state: "IE", party: "provider" },
        instrument: "bilateral",
        conduct: [],
        measures: [...measures],
        refusal_grounds: [],
      },
    };
    expect(outcomeOf(summary)).toBe(outcome);
  });
});
