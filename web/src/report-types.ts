/**
 * The shapes the transparency report page reads: `lightswitch.report/v1` (src/core/reports/
 * report-schema.ts) from GET /v1/reports/<period>.json, and the list of periods from GET /v1/reports.
 */
import type { Breakdown } from "../../src/core/reports/report-breakdowns.ts";

/** An exact count, or a band for small counts (`{ band: "1-9" }`). */
export type Count = number | { readonly band: string };

// The list is the published format's own (zod-free, so it costs the bundle nothing).
export { BREAKDOWNS, type Breakdown } from "../../src/core/reports/report-breakdowns.ts";

export interface KeyCount {
  readonly key: string;
  readonly cases: Count;
}

export interface StateRow {
  readonly state: string;
  readonly cases: Count;
  readonly produced_content: Count;
  readonly produced_non_content: Count;
  readonly refused: Count;
  readonly pending: Count;
  readonly preservation: Count;
  readonly percent_some_data_produced: number | null;
  readonly percent_refused: number | null;
}

export interface Report {
  readonly format: "lightswitch.report/v1";
  readonly period: {
    readonly label: string;
    readonly kind: string;
    readonly start: string;
    readonly end: string;
  };
  readonly log_size: number;
  readonly banding: { readonly threshold: number; readonly band: string | null };
  readonly cases: { readonly total: Count; readonly public: Count; readonly sealed: Count };
  readonly events: readonly { readonly event_type: string; readonly cases: Count }[];
  readonly breakdowns: Readonly<Record<Breakdown, readonly KeyCount[]>>;
  readonly by_requesting_state: readonly StateRow[];
  readonly over_time: readonly { readonly month: string; readonly total: Count; readonly sealed: Count }[];
}

export interface ReportLinks {
  readonly period: string;
  readonly json: string;
  readonly csv: string;
  readonly html: string;
  readonly google: string;
  readonly meta: string;
  readonly microsoft: string;
}

export interface ReportList {
  readonly periods: readonly ReportLinks[];
}

/** A count as text: "12", or its band ("1-9"). */
export function formatCount(count: Count): string {
  return typeof count === "number" ? count.toLocaleString("en") : count.band;
}

/** The largest value a count may be: the number itself, or the top of its band ("1-9" → 9). */
export function upperBound(count: Count): number {
  if (typeof count === "number") return count;
  const numbers = count.band.match(/[0-9]+/g);
  return numbers === null ? 0 : Number(numbers[numbers.length - 1]);
}
