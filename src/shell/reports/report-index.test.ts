import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../test/support/databases.ts";
import { encodePublicRecord, type PublicRecord } from "../../core/records/public-record.ts";
import { buildReport, countsForPeriod, type PeriodCounts } from "../../core/reports/build-report.ts";
import { countRecords } from "../../core/reports/case-summary.ts";
import { parsePeriod } from "../../core/reports/period.ts";
import { syntheticRecords } from "../../core/reports/synthetic-records.ts";
import { loadOrCreateLogKey } from "../log/log-keys.ts";
import { type LogService, openLogService } from "../log/log-service.ts";
import { ReportIndex } from "./report-index.ts";

const YEAR = parsePeriod("2026");
const records = [...syntheticRecords({ cases: 150, seed: 7, firstDay: "2026-01-01", days: 300 })];

/** Sorted, so two counts compare equal whatever order the store returned rows in. */
function normalised(counts: PeriodCounts): PeriodCounts {
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return {
    totals: [...counts.totals].sort((a, b) =>
      a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : byKey(a, b),
    ),
    months: [...counts.months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : byKey(a, b))),
    logSize: counts.logSize,
  };
}

for (const dialect of testDialects) {
  describe(`report index on ${dialect.name}`, () => {
    let database: TestDatabase;
    let log: LogService;
    let keyDir: string;

    beforeEach(async () => {
      database = await dialect.open();
      keyDir = mkdtempSync(join(tmpdir(), "lightswitch-report-key-"));
      log = await openLogService({
        database,
        key: loadOrCreateLogKey(keyDir, "reports.test/log"),
        intervalMs: 60_000,
      });
    });

    afterEach(async () => {
      await log.close();
      await database.cleanup();
      rmSync(keyDir, { recursive: true, force: true });
    });

    async function append(entries: readonly Uint8Array[]): Promise<void> {
      const acks = entries.map((e) => log.sequencer.append(e));
      await log.sequencer.flush();
      await Promise.all(acks);
    }

    it("counts the same as folding every record in memory, across batches and appends", async () => {
      const index = new ReportIndex(database.db, database.dialect);
      const half = Math.floor(records.length / 2);
      await append(records.slice(0, half).map(encodePublicRecord));
      await append([Buffer.from("not a public record")]);
      expect(await index.catchUp({ batchSize: 17 })).toEqual({ indexed: half + 1, logSize: half + 1 });
      await append(records.slice(half).map(encodePublicRecord));
      expect((await index.catchUp({ batchSize: 23 })).logSize).toBe(records.length + 1);

      const expected = countsForPeriod(countRecords(records), YEAR, records.length + 1);
      expect(normalised(await index.periodCounts(YEAR))).toEqual(normalised(expected));
      expect(await index.report(YEAR, 10)).toEqual(buildReport(YEAR, expected, 10));
      expect(await index.monthsWithData()).toContain("2026-01");

      await index.clear();
      expect((await index.periodCounts(YEAR)).totals).toEqual([]);
      await index.catchUp();
      expect(normalised(await index.periodCounts(YEAR))).toEqual(normalised(expected));
    });

    it("a sealed case moves from the sealed count into the breakdowns when it is disclosed", async () => {
      const index = new ReportIndex(database.db, database.dialect);
      const sealed = (type: PublicRecord["event_type"], date: string): PublicRecord => ({
        format: "lightswitch.public-record/v1",
        event_id: `evt_${type}_${date}`,
        event_type: type,
        date,
        commitment: "ab".repeat(32),
        visibility: "sealed",
      });
      await append(
        [sealed("received", "2026-02-01"), sealed("sealed", "2026-02-02")].map(encodePublicRecord),
      );
      const before = await index.report(YEAR, 1);
      expect(before.cases).toEqual({ total: 1, public: 0, sealed: 1 });
      expect(before.breakdowns.requesting_state).toEqual([]);

      await append([
        encodePublicRecord({
          ...sealed("disclosed", "2026-09-01"),
          visibility: "public",
          details: {
            requesting_state: "TR",
            requested_party: { state: "IE", party: "provider" },
            instrument: "un-cybercrime-2024",
            conduct: ["criticism_of_government"],
            measures: ["subscriber_info"],
            verdict: "refuse",
            refusal_grounds: ["protected-activity"],
          },
        } as PublicRecord),
      ]);
      const after = await index.report(YEAR, 1);
      expect(after.cases).toEqual({ total: 1, public: 1, sealed: 0 });
      expect(after.breakdowns.requesting_state).toEqual([{ key: "TR", cases: 1 }]);
      expect(after.breakdowns.refusal_ground).toEqual([{ key: "protected-activity", cases: 1 }]);
      expect(after.over_time.find((m) => m.month === "2026-02")).toEqual({
        month: "2026-02",
        total: 1,
        sealed: 0,
      });
    });

    // Two SQLite connections in one process would wait on each other's lock on one thread; across
    // processes SQLite's write lock serialises them as PostgreSQL's row lock does here.
    it.skipIf(dialect.name === "sqlite")(
      "two indexers catching up at once count every entry once",
      async () => {
        await append(records.map(encodePublicRecord));
        const other = await database.reopen();
        try {
          const a = new ReportIndex(database.db, database.dialect);
          const b = new ReportIndex(other.db, other.dialect);
          await Promise.all([a.catchUp({ batchSize: 50 }), b.catchUp({ batchSize: 50 })]);
          const expected = countsForPeriod(countRecords(records), YEAR, records.length);
          expect(normalised(await a.periodCounts(YEAR))).toEqual(normalised(expected));
        } finally {
          await other.close();
        }
      },
    );
  });
}
