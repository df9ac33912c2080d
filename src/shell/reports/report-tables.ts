/**
 * Row types of the report index (migration 0004-report-index), added to the store's `DB` with
 * Kysely's `withTables`, as the case service does, so the store's schema file stays the log team's.
 */
import type { Kysely } from "kysely";
import type { DB } from "../store/schema.ts";

/** One row (id 1): the log entries [0, next_index) are counted; `skipped` were not public records. */
export interface ReportIndexStateTable {
  id: number;
  next_index: number;
  skipped: number;
}

/** One case: its CaseSummary (src/core/reports/case-summary.ts) as JSON. */
export interface ReportCasesTable {
  commitment: string;
  summary: string;
}

/** Cases counted per month (`YYYY-MM`), dimension and key. */
export interface ReportCountsTable {
  month: string;
  dimension: string;
  key: string;
  cases: number;
}

// A type alias, not an interface: `withTables` needs an index-signature-compatible record.
export type ReportTables = {
  report_index_state: ReportIndexStateTable;
  report_cases: ReportCasesTable;
  report_counts: ReportCountsTable;
};

export type ReportDB = DB & ReportTables;

export function withReportTables(db: Kysely<DB>): Kysely<ReportDB> {
  return db.withTables<ReportTables>();
}
