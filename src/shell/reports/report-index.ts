/**
 * The report index: counts of cases per month, dimension and key, kept up to date from the log so
 * that a report is a GROUP BY over a few thousand rows, not a scan of millions of entries.
 *
 * Incremental, keyed by log index: `catchUp()` reads the entries after the last one counted (up to
 * the latest checkpoint), folds each public record into its case's summary (core/reports/case-summary)
 * and applies the change in the case's cells to `report_counts`, in one transaction per batch that
 * also advances `next_index` — so a crash never counts an entry twice or not at all. The first
 * statement of each batch locks the state row, so two processes catching up at once take turns.
 * Entries that are not public records (e.g. appended by `log append`) are skipped and counted.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import { decodePublicRecord, type PublicRecord } from "../../core/records/public-record.ts";
import { buildReport, type DimensionCount, type PeriodCounts } from "../../core/reports/build-report.ts";
import {
  type CaseSummary,
  cellDelta,
  type Dimension,
  foldRecord,
  parseCellId,
} from "../../core/reports/case-summary.ts";
import type { ReportPeriod } from "../../core/reports/period.ts";
import type { Report } from "../../core/reports/report-schema.ts";
import type { Dialect } from "../store/database.ts";
import type { DB } from "../store/schema.ts";
import { type ReportDB, withReportTables } from "./report-tables.ts";

/** Entries per transaction: short enough (~0.2 s) not to hold up the log's writer on SQLite. */
const DEFAULT_BATCH = 2000;
/** Rows per statement: below SQLite's 32,766 parameters at 4 columns. */
const CHUNK = 1000;

export interface CatchUpResult {
  /** Entries read by this call. */
  readonly indexed: number;
  /** The index now covers log entries [0, logSize). */
  readonly logSize: number;
}

function decodeOrSkip(data: Uint8Array): PublicRecord | undefined {
  try {
    return decodePublicRecord(data);
  } catch {
    return undefined;
  }
}

export class ReportIndex {
  readonly #db: Kysely<ReportDB>;
  readonly dialect: Dialect;

  constructor(db: Kysely<DB>, dialect: Dialect) {
    this.#db = withReportTables(db);
    this.dialect = dialect;
  }

  /**
   * Counts the log entries not yet counted — all of them, or about `maxEntries` (whole batches) —
   * and returns how many and the size now covered.
   */
  async catchUp(
    options: {
      batchSize?: number;
      maxEntries?: number;
      /** Called after each batch with the size covered so far and the log's size when it started. */
      onProgress?: (covered: number, logSize: number) => void;
    } = {},
  ): Promise<CatchUpResult> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
    // Up to date (the common case when serving reports): no write transaction, no lock.
    const [state, size] = await Promise.all([
      this.#db
        .selectFrom("report_index_state")
        .select("next_index")
        .where("id", "=", 1)
        .executeTakeFirstOrThrow(),
      this.#logSize(this.#db),
    ]);
    if (state.next_index >= size) return { indexed: 0, logSize: state.next_index };
    let indexed = 0;
    for (;;) {
      const step = await this.#db.transaction().execute((tx) => this.#indexBatch(tx, batchSize));
      indexed += step.indexed;
      options.onProgress?.(step.logSize, size);
      if (step.indexed === 0 || indexed >= maxEntries) return { indexed, logSize: step.logSize };
    }
  }

  async #indexBatch(tx: Transaction<ReportDB>, batchSize: number): Promise<CatchUpResult> {
    // Lock first (SQLite: the write lock; PostgreSQL: the row), then read the state.
    await tx
      .updateTable("report_index_state")
      .set({ next_index: sql`next_index` })
      .where("id", "=", 1)
      .execute();
    const state = await tx
      .selectFrom("report_index_state")
      .selectAll()
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    const logSize = await this.#logSize(tx);
    const end = Math.min(logSize, state.next_index + batchSize);
    if (end <= state.next_index) return { indexed: 0, logSize: state.next_index };

    const entries = await tx
      .selectFrom("log_entries")
      .select(["idx", "data"])
      .where("idx", ">=", state.next_index)
      .where("idx", "<", end)
      .orderBy("idx")
      .execute();
    const records: PublicRecord[] = [];
    for (const entry of entries) {
      const record = decodeOrSkip(entry.data);
      if (record !== undefined) records.push(record);
    }

    const before = await this.#loadSummaries(tx, [...new Set(records.map((r) => r.commitment))]);
    const after = new Map<string, CaseSummary>();
    for (const record of records)
      after.set(
        record.commitment,
        foldRecord(after.get(record.commitment) ?? before.get(record.commitment), record),
      );
    const deltas = new Map<string, number>();
    for (const [commitment, summary] of after) cellDelta(before.get(commitment), summary, deltas);

    await this.#saveSummaries(tx, after);
    await this.#applyDeltas(tx, deltas);
    await tx
      .updateTable("report_index_state")
      .set({ next_index: end, skipped: state.skipped + (entries.length - records.length) })
      .where("id", "=", 1)
      .execute();
    return { indexed: end - state.next_index, logSize: end };
  }

  async #logSize(db: Kysely<ReportDB>): Promise<number> {
    const checkpoint = await db
      .selectFrom("log_checkpoints")
      .select("size")
      .orderBy("size", "desc")
      .limit(1)
      .executeTakeFirst();
    return checkpoint?.size ?? 0;
  }

  async #loadSummaries(tx: Transaction<ReportDB>, commitments: string[]): Promise<Map<string, CaseSummary>> {
    const found = new Map<string, CaseSummary>();
    for (let i = 0; i < commitments.length; i += CHUNK) {
      const rows = await tx
        .selectFrom("report_cases")
        .select(["commitment", "summary"])
        .where("commitment", "in", commitments.slice(i, i + CHUNK))
        .execute();
      // Our own rows, written below from a CaseSummary.
      for (const row of rows) found.set(row.commitment, JSON.parse(row.summary) as CaseSummary);
    }
    return found;
  }

  async #saveSummaries(tx: Transaction<ReportDB>, summaries: Map<string, CaseSummary>): Promise<void> {
    const rows = [...summaries].map(([commitment, summary]) => ({
      commitment,
      summary: JSON.stringify(summary),
    }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx
        .insertInto("report_cases")
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.column("commitment").doUpdateSet((eb) => ({ summary: eb.ref("excluded.summary") })),
        )
        .execute();
  }

  async #applyDeltas(tx: Transaction<ReportDB>, deltas: Map<string, number>): Promise<void> {
    const rows = [...deltas].map(([id, cases]) => ({ ...parseCellId(id), cases }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx
        .insertInto("report_counts")
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .columns(["month", "dimension", "key"])
            .doUpdateSet((eb) => ({ cases: eb("report_counts.cases", "+", eb.ref("excluded.cases")) })),
        )
        .execute();
  }

  /**
   * Forgets every count, so that the next `catchUp` recounts the whole log: the index is derived
   * data, rebuilt this way when an upgrade changes how a case is counted (case-summary.ts).
   */
  async clear(): Promise<void> {
    await this.#db.transaction().execute(async (tx) => {
      await tx
        .updateTable("report_index_state")
        .set({ next_index: 0, skipped: 0 })
        .where("id", "=", 1)
        .execute();
      await tx.deleteFrom("report_cases").execute();
      await tx.deleteFrom("report_counts").execute();
    });
  }

  /** The counts of a period, summed over its months (without catching up). */
  async periodCounts(period: ReportPeriod): Promise<PeriodCounts> {
    const first = period.months[0]!;
    const last = period.months.at(-1)!;
    // One snapshot, so that the counts are exactly those of the entries [0, logSize) even while
    // a batch commits (PostgreSQL needs repeatable read for that; a SQLite read transaction is one).
    const transaction =
      this.dialect === "postgres"
        ? this.#db.transaction().setIsolationLevel("repeatable read")
        : this.#db.transaction();
    return transaction.execute(async (tx) => {
      const state = await tx
        .selectFrom("report_index_state")
        .select("next_index")
        .where("id", "=", 1)
        .executeTakeFirstOrThrow();
      const totals = await tx
        .selectFrom("report_counts")
        .select(["dimension", "key", sql<number>`cast(sum(cases) as bigint)`.as("cases")])
        .where("month", ">=", first)
        .where("month", "<=", last)
        .groupBy(["dimension", "key"])
        .having(sql`sum(cases)`, ">", 0)
        .execute();
      const months = await tx
        .selectFrom("report_counts")
        .select(["month", "key", "cases"])
        .where("dimension", "=", "cases")
        .where("month", ">=", first)
        .where("month", "<=", last)
        .where("cases", ">", 0)
        .execute();
      return {
        totals: totals.map(
          (t): DimensionCount => ({
            dimension: t.dimension as Dimension,
            key: t.key,
            cases: Number(t.cases),
          }),
        ),
        months: months.map((m) => ({ month: m.month, key: m.key, cases: Number(m.cases) })),
        logSize: state.next_index,
      };
    });
  }

  /** The months with anything to report (a case received, or any event), oldest first. */
  async monthsWithData(): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("report_counts")
      .select("month")
      .distinct()
      .where("cases", ">", 0)
      .orderBy("month")
      .execute();
    return rows.map((r) => r.month);
  }

  /**
   * Catches up with the log (by at most `maxCatchUp` entries, so that a request never waits for a
   * long backlog: the report's `log_size` says what it covers), then builds the banded report.
   */
  async report(
    period: ReportPeriod,
    threshold: number,
    options: { maxCatchUp?: number } = {},
  ): Promise<Report> {
    await this.catchUp(options.maxCatchUp === undefined ? {} : { maxEntries: options.maxCatchUp });
    return buildReport(period, await this.periodCounts(period), threshold);
  }
}
