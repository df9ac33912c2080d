/**
 * Transparency report benchmarks (JSON lines {name, value, unit}):
 *  - report generation over 10M cases: the report index of 10M synthetic cases, all received in
 *    2026 (100,000 generated cases, each counted 100 times: the counts a 10M-case index holds),
 *    is written to report_counts in one transaction; then a year, a half and a month report are
 *    built (catch-up check, GROUP BY, banding) and rendered in every format; median of 5 runs.
 *    On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
 *  - building the index from the log: synthetic public records written straight into log_entries
 *    (no signing), then `catchUp()` decodes and counts them; records per second.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { encodePublicRecord } from "../src/core/records/public-record.ts";
import { countRecords, parseCellId } from "../src/core/reports/case-summary.ts";
import { reportCsv } from "../src/core/reports/csv.ts";
import { PEER_FORMATS, peerCsv } from "../src/core/reports/peer-columns.ts";
import { parsePeriod } from "../src/core/reports/period.ts";
import { syntheticRecords } from "../src/core/reports/synthetic-records.ts";
import { ISO_COUNTRY_CODES } from "../src/core/request/country-codes.ts";
import { CONDUCT_CATEGORIES, LEGAL_BASES, MEASURE_TYPES } from "../src/core/request/vocabulary.ts";
import { FOLDER_LINKS, renderReportHtml } from "../src/shell/reports/html-report.ts";
import { ReportIndex } from "../src/shell/reports/report-index.ts";
import { withReportTables } from "../src/shell/reports/report-tables.ts";
import { type Database, openDatabase } from "../src/shell/store/database.ts";

const GENERATED_CASES = 100_000;
const WEIGHT = 100;
const INDEXED_CASES = 30_000;
const RUNS = 5;

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The cells of the generated cases (the records themselves are dropped once counted). */
const cells = countRecords(
  syntheticRecords({ cases: GENERATED_CASES, seed: 2026, firstDay: "2026-01-01", days: 365 }),
);

/** The counts of 10M cases: every generated case's cells, 100 times. */
async function writeCounts(database: Database): Promise<number> {
  const db = withReportTables(database.db);
  const rows = [...cells].map(([id, cases]) => ({ ...parseCellId(id), cases: cases * WEIGHT }));
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000)
      await tx
        .insertInto("report_counts")
        .values(rows.slice(i, i + 1000))
        .execute();
  });
  return rows.length;
}

/**
 * The worst case for the GROUP BY: every country × instrument × outcome and every country ×
 * measure has cases in every month of 2025 and 2026 (10M cases in 2026), so a year report sums
 * over 100,000+ rows.
 */
async function writeWorstCaseCounts(database: Database): Promise<number> {
  const db = withReportTables(database.db);
  const perMonth = Math.floor((GENERATED_CASES * WEIGHT) / 12);
  const outcomes = ["produced_content", "produced_non_content", "refused", "pending"];
  const states = [...ISO_COUNTRY_CODES, "EU"];
  let written = 0;
  await db.transaction().execute(async (tx) => {
    for (const year of [2025, 2026])
      for (let m = 1; m <= 12; m++) {
        const month = `${year}-${String(m).padStart(2, "0")}`;
        const rows: Array<{ month: string; dimension: string; key: string; cases: number }> = [
          {
            month,
            dimension: "cases",
            key: "public",
            cases: perMonth - (m <= (GENERATED_CASES * WEIGHT) % 12 ? -1 : 0),
          },
        ];
        for (const state of states) {
          rows.push({ month, dimension: "requesting_state", key: state, cases: 3000 });
          for (const instrument of LEGAL_BASES)
            for (const outcome of outcomes)
              rows.push({
                month,
                dimension: "state_instrument_outcome",
                key: `${state}/${instrument}/${outcome}`,
                cases: 139,
              });
          for (const measure of MEASURE_TYPES)
            rows.push({ month, dimension: "state_measure", key: `${state}/${measure}`, cases: 500 });
        }
        for (const conduct of CONDUCT_CATEGORIES)
          rows.push({ month, dimension: "conduct", key: conduct, cases: 20_000 });
        for (let i = 0; i < rows.length; i += 1000)
          await tx
            .insertInto("report_counts")
            .values(rows.slice(i, i + 1000))
            .execute();
        written += rows.length;
      }
  });
  return written;
}

async function benchReports(
  database: Database,
  dialect: string,
  shape: "synthetic" | "worst case",
): Promise<void> {
  const rows = shape === "synthetic" ? await writeCounts(database) : await writeWorstCaseCounts(database);
  emit(`reports ${dialect} ${shape}: report_counts rows (10M cases in 2026)`, rows, "rows");
  const index = new ReportIndex(database.db, database.dialect);
  for (const label of ["2026", "2026H1", "2026-05"]) {
    const period = parsePeriod(label);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const report = await index.report(period, 10);
      reportCsv(report);
      renderReportHtml(report, FOLDER_LINKS);
      for (const format of PEER_FORMATS) peerCsv(report, format);
      times.push(performance.now() - start);
      if (run === 0 && label === "2026" && report.cases.total !== GENERATED_CASES * WEIGHT)
        throw new Error(
          `expected ${GENERATED_CASES * WEIGHT} cases, got ${JSON.stringify(report.cases.total)}`,
        );
    }
    emit(
      `reports ${dialect} ${shape}: ${label} report over 10M cases (all formats), median of ${RUNS}`,
      median(times),
      "ms",
    );
  }
}

async function benchIndexing(database: Database, dialect: string): Promise<void> {
  const db = withReportTables(database.db);
  const entries = [
    ...syntheticRecords({ cases: INDEXED_CASES, seed: 7, firstDay: "2026-01-01", days: 365 }),
  ].map(encodePublicRecord);
  const leaf = Buffer.alloc(32);
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < entries.length; i += 1000)
      await tx
        .insertInto("log_entries")
        .values(
          entries
            .slice(i, i + 1000)
            .map((data, j) => ({ idx: i + j, leaf_hash: leaf, data: Buffer.from(data), event_id: null })),
        )
        .execute();
    await tx
      .insertInto("log_checkpoints")
      .values({ size: entries.length, root_hash: leaf, note: "bench\n", cosigned_note: null, created_at: 0 })
      .execute();
  });
  const index = new ReportIndex(database.db, database.dialect);
  const start = performance.now();
  const { indexed } = await index.catchUp();
  const seconds = (performance.now() - start) / 1000;
  if (indexed !== entries.length) throw new Error(`indexed ${indexed} of ${entries.length}`);
  emit(
    `reports ${dialect}: index build from the log (${entries.length} records of ${INDEXED_CASES} cases)`,
    entries.length / seconds,
    "records/s",
  );
}

const dir = mkdtempSync(join(tmpdir(), "lightswitch-bench-reports-"));
try {
  for (const shape of ["synthetic", "worst case"] as const) {
    const sqliteCounts = await openDatabase({
      sqlitePath: join(dir, `counts-${shape.replace(" ", "-")}.sqlite`),
    });
    await benchReports(sqliteCounts, "sqlite", shape);
    await sqliteCounts.close();
  }
  const sqliteLog = await openDatabase({ sqlitePath: join(dir, "log.sqlite") });
  await benchIndexing(sqliteLog, "sqlite");
  await sqliteLog.close();

  const postgresUrl = process.env["TEST_DATABASE_URL"];
  if (postgresUrl !== undefined && postgresUrl !== "") {
    const runs = [
      (d: Database) => benchReports(d, "postgres", "synthetic"),
      (d: Database) => benchReports(d, "postgres", "worst case"),
      (d: Database) => benchIndexing(d, "postgres"),
    ];
    for (const run of runs) {
      const schema = `bench_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const postgres = await openDatabase({ postgresUrl, schema });
      try {
        await run(postgres);
      } finally {
        await postgres.close();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
