import { describe, expect, it } from "vitest";
import type { PublicEventType, PublicRecord, PublicRecordDetails } from "../records/public-record.ts";
import { bandCount, percentOf } from "./banding.ts";
import { buildReport, countsForPeriod } from "./build-report.ts";
import { countRecords } from "./case-summary.ts";
import { parsePeriod } from "./period.ts";
import { ReportError } from "./report-error.ts";
import { type Report, ReportSchema } from "./report-schema.ts";

const H1 = parsePeriod("2026H1");
let nextEvent = 0;

const commitmentOf = (n: number): string => n.toString(16).padStart(64, "0");

function details(overrides: Partial<PublicRecordDetails> = {}): PublicRecordDetails {
  return {
    requesting_state: "FR",
    requested_party: { state: "IE", party: "provider" },
    instrument: "budapest-2001",
    conduct: ["fraud"],
    measures: ["subscriber_info"],
    verdict: "execute",
    refusal_grounds: [],
    ...overrides,
  };
}

function publicRecord(
  caseNo: number,
  type: PublicEventType,
  date: string,
  overrides: Partial<PublicRecordDetails> = {},
): PublicRecord {
  return {
    format: "lightswitch.public-record/v1",
    event_id: `evt_${String(nextEvent++).padStart(8, "0")}`,
    event_type: type,
    date,
    commitment: commitmentOf(caseNo),
    visibility: "public",
    details: details(overrides),
  };
}

function sealedRecord(caseNo: number, type: PublicEventType, date: string): PublicRecord {
  return {
    format: "lightswitch.public-record/v1",
    event_id: `evt_${String(nextEvent++).padStart(8, "0")}`,
    event_type: type,
    date,
    commitment: commitmentOf(caseNo),
    visibility: "sealed",
  };
}

function report(records: PublicRecord[], threshold = 1, period = H1): Report {
  const built = buildReport(
    period,
    countsForPeriod(countRecords(records), period, records.length),
    threshold,
  );
  return ReportSchema.parse(built);
}

const row = (r: Report, breakdown: keyof Report["breakdowns"], key: string) =>
  r.breakdowns[breakdown].find((x) => x.key === key)?.cases;
const event = (r: Report, type: PublicEventType) => r.events.find((e) => e.event_type === type)?.cases;

describe("aggregating public records into a report", () => {
  it("counts cases, not records: three events of one case are one case", () => {
    const r = report([
      publicRecord(1, "received", "2026-02-01"),
      publicRecord(1, "assessed", "2026-02-01"),
      publicRecord(1, "executed", "2026-02-10"),
    ]);
    expect(r.cases).toEqual({ total: 1, public: 1, sealed: 0 });
    expect(row(r, "requesting_state", "FR")).toBe(1);
    expect(event(r, "received")).toBe(1);
    expect(event(r, "executed")).toBe(1);
    expect(r.by_requesting_state[0]).toMatchObject({ state: "FR", cases: 1, produced_non_content: 1 });
  });

  it("a sealed case counts in the totals and events, but in no breakdown", () => {
    const r = report([sealedRecord(1, "received", "2026-03-01"), sealedRecord(1, "sealed", "2026-03-02")]);
    expect(r.cases).toEqual({ total: 1, public: 0, sealed: 1 });
    expect(event(r, "received")).toBe(1);
    expect(event(r, "sealed")).toBe(1);
    for (const rows of Object.values(r.breakdowns)) expect(rows).toEqual([]);
    expect(r.by_requesting_state).toEqual([]);
    expect(r.over_time.find((m) => m.month === "2026-03")).toEqual({ month: "2026-03", total: 1, sealed: 1 });
  });

  it("once disclosed, a sealed case counts in the breakdowns of the month it was received", () => {
    const r = report([
      sealedRecord(1, "received", "2026-01-15"),
      sealedRecord(1, "executed", "2026-01-20"),
      publicRecord(1, "disclosed", "2026-05-01", { requesting_state: "BR", measures: ["content_data"] }),
    ]);
    expect(r.cases).toEqual({ total: 1, public: 1, sealed: 0 });
    expect(row(r, "requesting_state", "BR")).toBe(1);
    expect(row(r, "outcome", "produced_content")).toBe(1);
    expect(event(r, "disclosed")).toBe(1);
    expect(r.over_time.find((m) => m.month === "2026-01")).toEqual({ month: "2026-01", total: 1, sealed: 0 });
    expect(r.over_time.find((m) => m.month === "2026-05")).toEqual({ month: "2026-05", total: 0, sealed: 0 });
  });

  it("a case's details already public stay public when it is later sealed", () => {
    const r = report([publicRecord(1, "received", "2026-02-01"), sealedRecord(1, "sealed", "2026-02-03")]);
    expect(r.cases).toMatchObject({ public: 1, sealed: 0 });
    expect(event(r, "sealed")).toBe(1);
  });

  it("a case received in another period is not in this period's breakdowns, but its events in the period are", () => {
    const r = report([publicRecord(1, "received", "2025-12-30"), publicRecord(1, "refused", "2026-01-04")]);
    expect(r.cases.total).toBe(0);
    expect(r.breakdowns.requesting_state).toEqual([]);
    expect(event(r, "refused")).toBe(1);
    expect(event(r, "received")).toBe(0);
  });

  it("an event type repeated in one case is counted once, in the month it first happened", () => {
    const r = report([
      publicRecord(1, "info_requested", "2026-01-10"),
      publicRecord(1, "info_requested", "2026-04-10"),
    ]);
    expect(event(r, "info_requested")).toBe(1);
    expect(
      event(
        report([publicRecord(1, "info_requested", "2026-01-10")], 1, parsePeriod("2026Q2")),
        "info_requested",
      ),
    ).toBe(0);
  });

  it("multi-valued details count a case once per value, and the latest verdict wins", () => {
    const r = report([
      publicRecord(1, "assessed", "2026-02-01", {
        verdict: "review",
        conduct: ["fraud", "extortion"],
        measures: ["subscriber_info", "traffic_data", "preservation"],
      }),
      publicRecord(1, "refused", "2026-02-05", {
        verdict: "refuse",
        conduct: ["fraud", "extortion"],
        measures: ["subscriber_info", "traffic_data", "preservation"],
        refusal_grounds: ["dual-criminality", "protected-activity"],
      }),
    ]);
    expect(row(r, "conduct", "fraud")).toBe(1);
    expect(row(r, "conduct", "extortion")).toBe(1);
    expect(row(r, "measure", "traffic_data")).toBe(1);
    expect(row(r, "verdict", "refuse")).toBe(1);
    expect(row(r, "verdict", "review")).toBeUndefined();
    expect(row(r, "refusal_ground", "protected-activity")).toBe(1);
    expect(r.by_requesting_state[0]).toMatchObject({ refused: 1, preservation: 1, percent_refused: 100 });
  });

  it("a record without a verdict does not erase the verdict of an earlier one", () => {
    const r = report([
      publicRecord(1, "assessed", "2026-02-01", { verdict: "consult" }),
      publicRecord(1, "in_consultation", "2026-02-02", { verdict: undefined }),
    ]);
    expect(row(r, "verdict", "consult")).toBe(1);
  });

  it("is the same whatever the period label's kind: the months of a half add up to the half", () => {
    const records = Array.from({ length: 60 }, (_, i) =>
      publicRecord(i, "received", `2026-0${(i % 6) + 1}-1${i % 10}`, {
        requesting_state: i % 2 ? "DE" : "US",
      }),
    );
    const half = report(records);
    const quarters = ["2026Q1", "2026Q2"].map((q) => report(records, 1, parsePeriod(q)));
    expect(half.cases.total).toBe(60);
    expect(quarters.map((q) => q.cases.total)).toEqual([30, 30]);
    expect(row(half, "requesting_state", "DE")).toBe(30);
  });
});

describe("banding small counts", () => {
  it.each([
    [0, 0],
    [1, { band: "1-9" }],
    [9, { band: "1-9" }],
    [10, 10],
    [11, 11],
  ])("with threshold 10, %i is published as %j", (count, published) => {
    expect(bandCount(count, 10)).toEqual(published);
  });

  it("threshold 1 publishes exact counts; the band follows the threshold", () => {
    expect(bandCount(1, 1)).toBe(1);
    expect(bandCount(4, 5)).toEqual({ band: "1-4" });
  });

  it("bands every cell of the report, 0 stays 0, and no percentage reveals a banded count", () => {
    const records = [
      ...Array.from({ length: 10 }, (_, i) =>
        publicRecord(i, "received", "2026-02-01", { requesting_state: "DE" }),
      ),
      ...Array.from({ length: 9 }, (_, i) =>
        publicRecord(100 + i, "received", "2026-02-01", { requesting_state: "US" }),
      ),
      publicRecord(200, "received", "2026-02-01", { requesting_state: "NL" }),
      publicRecord(200, "executed", "2026-02-02", { requesting_state: "NL" }),
      sealedRecord(300, "received", "2026-03-01"),
    ];
    const r = report(records, 10);
    expect(r.banding).toEqual({ threshold: 10, band: "1-9" });
    expect(r.cases).toEqual({ total: 21, public: 20, sealed: { band: "1-9" } });
    expect(row(r, "requesting_state", "DE")).toBe(10);
    expect(row(r, "requesting_state", "US")).toEqual({ band: "1-9" });
    expect(row(r, "requesting_state", "NL")).toEqual({ band: "1-9" });
    expect(event(r, "refused")).toBe(0);
    expect(event(r, "executed")).toEqual({ band: "1-9" });
    // Banded rows come after exact ones, by key: their order does not say which is larger.
    expect(r.breakdowns.requesting_state.map((x) => x.key)).toEqual(["DE", "NL", "US"]);
    const de = r.by_requesting_state.find((s) => s.state === "DE")!;
    expect(de).toMatchObject({ cases: 10, pending: 10, refused: 0, percent_some_data_produced: 0 });
    const nl = r.by_requesting_state.find((s) => s.state === "NL")!;
    expect(nl.percent_some_data_produced).toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/"cases":(?:[1-9])[,}]/);
  });

  it("a percentage is null when its numerator or denominator is banded", () => {
    expect(percentOf(5, 100, 10)).toBeNull();
    expect(percentOf(10, 5, 10)).toBeNull();
    expect(percentOf(0, 50, 10)).toBe(0);
    expect(percentOf(25, 50, 10)).toBe(50);
    expect(percentOf(1, 3, 1)).toBe(33.33);
    expect(percentOf(0, 0, 1)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses the threshold %d", (threshold) => {
    let code: string | undefined;
    try {
      report([], threshold);
    } catch (error) {
      code = error instanceof ReportError ? error.code : "OTHER";
    }
    expect(code).toBe("THRESHOLD_INVALID");
  });
});
