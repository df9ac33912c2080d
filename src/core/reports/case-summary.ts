/**
 * What the public log says about one case, folded from its records, and the report cells the case
 * counts in. A case is its commitment: every record of one case carries the same commitment, so
 * cases are counted by commitment, never by record.
 *
 * - The case is counted in the month of its earliest record (normally `received`).
 * - Each event type is counted once per case, in the month it first happened, so counts of months
 *   add up to the count of a half or a year.
 * - While no record of the case is `public` (it is sealed), the case counts only in `cases/sealed`
 *   and in the event totals: the public knows how many secret requests exist, and nothing more.
 *   Once a public (e.g. `disclosed`) record exists, its details count in every breakdown.
 * - Details come from the latest public record in log order; the verdict from the latest record
 *   that has one (a later record without a verdict does not erase it).
 *
 * Pure: the shell's report index applies `cellDelta` as records are appended, and tests check that
 * it gives the same counts as folding every record here.
 */
import type { Verdict } from "../assess/assessment.ts";
import type { PublicEventType, PublicRecord, PublicRecordDetails } from "../records/public-record.ts";
import { monthOf } from "./period.ts";
import { BREAKDOWNS } from "./report-breakdowns.ts";

/** Every dimension the index counts. `cases` has keys `sealed`/`public`; `event` has event types. */
export const DIMENSIONS = [
  "cases",
  "event",
  // What a report breaks the cases down by (report-breakdowns.ts).
  ...BREAKDOWNS,
  /** `<requesting state>/<instrument>/<outcome>`: the per-country, per-legal-process rows providers publish. */
  "state_instrument_outcome",
  /** `<requesting state>/<measure>`: e.g. preservation requests per country. */
  "state_measure",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * How a case was answered, from its events: data produced (`executed` or `delivered` happened),
 * `refused`, or still `pending`. "Content" when a measure that can reach the content of
 * communications was asked for — approximate: a `partial` answer may have produced only the
 * non-content measures, and the public record does not say which.
 */
export const CASE_OUTCOMES = ["produced_content", "produced_non_content", "refused", "pending"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

const CONTENT_MEASURES: ReadonlySet<string> = new Set([
  "content_data",
  "search_seizure",
  "interception",
  "bulk_dataset",
]);

export interface CaseSummary {
  /** Earliest record day (`YYYY-MM-DD`): the case counts in this month. */
  readonly firstDay: string;
  /** The first day each event type happened to this case. */
  readonly firstEvents: Readonly<Partial<Record<PublicEventType, string>>>;
  /** The latest public details without the verdict; absent while the case is sealed. */
  readonly details?: Omit<PublicRecordDetails, "verdict">;
  readonly verdict?: Verdict;
}

export interface Cell {
  readonly month: string;
  readonly dimension: Dimension;
  readonly key: string;
}

const earlier = (a: string | undefined, b: string): string => (a === undefined || b < a ? b : a);

/** The case after one more of its records (records in log order). */
export function foldRecord(summary: CaseSummary | undefined, record: PublicRecord): CaseSummary {
  const firstEvents = {
    ...summary?.firstEvents,
    [record.event_type]: earlier(summary?.firstEvents[record.event_type], record.date),
  };
  const firstDay = earlier(summary?.firstDay, record.date);
  if (record.visibility === "sealed") return { ...summary, firstDay, firstEvents };
  const { verdict, ...details } = record.details;
  const kept = verdict ?? summary?.verdict;
  return { firstDay, firstEvents, details, ...(kept === undefined ? {} : { verdict: kept }) };
}

/** How the case was answered so far (see CASE_OUTCOMES). */
export function outcomeOf(summary: CaseSummary): CaseOutcome {
  const produced = summary.firstEvents.executed !== undefined || summary.firstEvents.delivered !== undefined;
  if (produced)
    return summary.details?.measures.some((m) => CONTENT_MEASURES.has(m))
      ? "produced_content"
      : "produced_non_content";
  return summary.firstEvents.refused !== undefined ? "refused" : "pending";
}

/** The cells this case adds 1 to (each at most once). */
export function cellsOf(summary: CaseSummary): Cell[] {
  const month = monthOf(summary.firstDay);
  const cells: Cell[] = [];
  const add = (dimension: Dimension, key: string, at = month): void => {
    cells.push({ month: at, dimension, key });
  };
  for (const [type, day] of Object.entries(summary.firstEvents)) add("event", type, monthOf(day));
  const { details } = summary;
  if (details === undefined) {
    add("cases", "sealed");
    return cells;
  }
  const state = details.requesting_state;
  const outcome = outcomeOf(summary);
  add("cases", "public");
  add("requesting_state", state);
  add("requested_state", details.requested_party.state);
  add("party", details.requested_party.party);
  add("instrument", details.instrument);
  add("verdict", summary.verdict ?? "none");
  add("outcome", outcome);
  add("state_instrument_outcome", `${state}/${details.instrument}/${outcome}`);
  for (const conduct of new Set(details.conduct)) add("conduct", conduct);
  for (const measure of new Set(details.measures)) {
    add("measure", measure);
    add("state_measure", `${state}/${measure}`);
  }
  for (const ground of new Set(details.refusal_grounds)) add("refusal_ground", ground);
  return cells;
}

/** `month \t dimension \t key`: no part contains a tab (closed vocabularies and checked ids). */
export function cellId(cell: Cell): string {
  return `${cell.month}\t${cell.dimension}\t${cell.key}`;
}

export function parseCellId(id: string): Cell {
  const [month = "", dimension = "", key = ""] = id.split("\t");
  return { month, dimension: dimension as Dimension, key };
}

/** Adds to `into` the change in cell counts when a case goes from `before` to `after`. */
export function cellDelta(
  before: CaseSummary | undefined,
  after: CaseSummary,
  into: Map<string, number>,
): void {
  const bump = (cell: Cell, by: number): void => {
    const id = cellId(cell);
    const next = (into.get(id) ?? 0) + by;
    if (next === 0) into.delete(id);
    else into.set(id, next);
  };
  if (before !== undefined) for (const cell of cellsOf(before)) bump(cell, -1);
  for (const cell of cellsOf(after)) bump(cell, +1);
}

/** The reference aggregation: every record folded in memory, then every case's cells counted. */
export function countRecords(records: Iterable<PublicRecord>): Map<string, number> {
  const cases = new Map<string, CaseSummary>();
  for (const record of records)
    cases.set(record.commitment, foldRecord(cases.get(record.commitment), record));
  const counts = new Map<string, number>();
  for (const summary of cases.values()) cellDelta(undefined, summary, counts);
  return counts;
}
