/**
 * CSV as RFC 4180 reads it: comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * a quote, a line break or leading/trailing space, with quotes doubled. Report values come from
 * closed vocabularies, checked identifiers and numbers, so no field can start a spreadsheet formula.
 *
 * `reportCsv` is Lightswitch's own long format: one row per published cell,
 * `period,dimension,key,cases`, which any script can pivot.
 */
import { countText } from "./banding.ts";
import { BREAKDOWNS, type Report } from "./report-schema.ts";

export type CsvValue = string | number | null;

/** One field, quoted when RFC 4180 needs it; null is the empty field. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: the header, then each row, every line ended by CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

export const REPORT_CSV_COLUMNS = ["period", "dimension", "key", "cases"] as const;

/** Lightswitch's columns: every count of the report, one row each, banded as in the JSON. */
export function reportCsv(report: Report): string {
  const period = report.period.label;
  const rows: CsvValue[][] = [];
  const push = (dimension: string, key: string, cases: Parameters<typeof countText>[0]): void => {
    rows.push([period, dimension, key, countText(cases)]);
  };
  push("cases", "total", report.cases.total);
  push("cases", "public", report.cases.public);
  push("cases", "sealed", report.cases.sealed);
  for (const e of report.events) push("event", e.event_type, e.cases);
  for (const breakdown of BREAKDOWNS)
    for (const row of report.breakdowns[breakdown]) push(breakdown, row.key, row.cases);
  for (const s of report.by_requesting_state) {
    push("requesting_state_outcome", `${s.state}/produced_content`, s.produced_content);
    push("requesting_state_outcome", `${s.state}/produced_non_content`, s.produced_non_content);
    push("requesting_state_outcome", `${s.state}/refused`, s.refused);
    push("requesting_state_outcome", `${s.state}/pending`, s.pending);
    push("requesting_state_measure", `${s.state}/preservation`, s.preservation);
  }
  for (const p of report.by_requesting_state_and_instrument)
    push("requesting_state_instrument", `${p.state}/${p.instrument}`, p.cases);
  for (const m of report.over_time) {
    push("month", m.month, m.total);
    push("month_sealed", m.month, m.sealed);
  }
  return toCsv(REPORT_CSV_COLUMNS, rows);
}
