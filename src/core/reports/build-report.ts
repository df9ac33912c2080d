/**
 * From counts to the published report: the counts of a period (summed over its months by the
 * store, or in memory by `countsForPeriod`) become a `lightswitch.report/v1` with every count
 * banded. Pure and deterministic: the same counts give the same report.
 */
import { PUBLIC_EVENT_TYPES } from "../records/public-record.ts";
import { bandCount, bandLabel, type Count, checkThreshold, isBanded, percentOf } from "./banding.ts";
import { type CaseOutcome, type Dimension, parseCellId } from "./case-summary.ts";
import type { ReportPeriod } from "./period.ts";
import { BREAKDOWNS, REPORT_FORMAT, type Report, type StateRow } from "./report-schema.ts";

export interface DimensionCount {
  readonly dimension: Dimension;
  readonly key: string;
  readonly cases: number;
}

/** Cases first seen in one month, by `key`: `sealed` or `public`. */
export interface MonthCount {
  readonly month: string;
  readonly key: string;
  readonly cases: number;
}

export interface PeriodCounts {
  /** Every dimension's counts summed over the period's months. */
  readonly totals: readonly DimensionCount[];
  /** The `cases` dimension month by month. */
  readonly months: readonly MonthCount[];
  /** The counts cover log entries [0, logSize). */
  readonly logSize: number;
}

/** The counts of one period from cell counts (as `countRecords` gives them). */
export function countsForPeriod(
  cells: ReadonlyMap<string, number>,
  period: ReportPeriod,
  logSize: number,
): PeriodCounts {
  const inPeriod = new Set(period.months);
  const totals = new Map<string, DimensionCount>();
  const months: MonthCount[] = [];
  for (const [id, cases] of cells) {
    const cell = parseCellId(id);
    if (!inPeriod.has(cell.month) || cases === 0) continue;
    const key = `${cell.dimension}\t${cell.key}`;
    const sum = (totals.get(key)?.cases ?? 0) + cases;
    totals.set(key, { dimension: cell.dimension, key: cell.key, cases: sum });
    if (cell.dimension === "cases") months.push({ month: cell.month, key: cell.key, cases });
  }
  return { totals: [...totals.values()], months, logSize };
}

/** Reads counts as `dimension → key → cases`; missing keys are 0. */
class CountTable {
  readonly #byDimension = new Map<Dimension, Map<string, number>>();

  constructor(rows: readonly DimensionCount[]) {
    for (const row of rows) {
      if (row.cases <= 0) continue;
      const keys = this.#byDimension.get(row.dimension) ?? new Map<string, number>();
      this.#byDimension.set(row.dimension, keys);
      keys.set(row.key, (keys.get(row.key) ?? 0) + row.cases);
    }
  }

  get(dimension: Dimension, key: string): number {
    return this.#byDimension.get(dimension)?.get(key) ?? 0;
  }

  entries(dimension: Dimension): Array<[string, number]> {
    return [...(this.#byDimension.get(dimension) ?? new Map<string, number>())];
  }
}

/**
 * Largest first; banded rows after the exact ones, by key, so that the order of rows does not
 * reveal which of two banded counts is larger.
 */
function byPublishedSize<T>(
  rows: T[],
  size: (row: T) => number,
  key: (row: T) => string,
  threshold: number,
): T[] {
  const rank = (row: T): number => (isBanded(size(row), threshold) ? 1 : size(row));
  return rows.sort((a, b) => rank(b) - rank(a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

interface StateTally {
  cases: number;
  outcomes: Record<CaseOutcome, number>;
}

/** Builds the banded report of `period` from its counts; THRESHOLD_INVALID for a bad threshold. */
export function buildReport(period: ReportPeriod, counts: PeriodCounts, threshold: number): Report {
  checkThreshold(threshold);
  const table = new CountTable(counts.totals);
  const band = (n: number): Count => bandCount(n, threshold);

  const breakdowns = Object.fromEntries(
    BREAKDOWNS.map((dimension) => [
      dimension,
      byPublishedSize(
        table.entries(dimension),
        ([, n]) => n,
        ([key]) => key,
        threshold,
      ).map(([key, n]) => ({ key, cases: band(n) })),
    ]),
  ) as Report["breakdowns"];

  const states = new Map<string, StateTally>();
  const stateInstruments = new Map<
    string,
    { state: string; instrument: string; cases: number; produced: number }
  >();
  for (const [key, n] of table.entries("state_instrument_outcome")) {
    const [state = "", instrument = "", outcome = "pending"] = key.split("/");
    const tally = states.get(state) ?? {
      cases: 0,
      outcomes: { produced_content: 0, produced_non_content: 0, refused: 0, pending: 0 },
    };
    states.set(state, tally);
    tally.cases += n;
    tally.outcomes[outcome as CaseOutcome] += n;
    const pair = stateInstruments.get(`${state}/${instrument}`) ?? {
      state,
      instrument,
      cases: 0,
      produced: 0,
    };
    pair.cases += n;
    if (outcome === "produced_content" || outcome === "produced_non_content") pair.produced += n;
    stateInstruments.set(`${state}/${instrument}`, pair);
  }

  const stateRows = byPublishedSize(
    [...states],
    ([, t]) => t.cases,
    ([s]) => s,
    threshold,
  ).map(([state, t]): StateRow => {
    const produced = t.outcomes.produced_content + t.outcomes.produced_non_content;
    return {
      state,
      cases: band(t.cases),
      produced_content: band(t.outcomes.produced_content),
      produced_non_content: band(t.outcomes.produced_non_content),
      refused: band(t.outcomes.refused),
      pending: band(t.outcomes.pending),
      preservation: band(table.get("state_measure", `${state}/preservation`)),
      percent_some_data_produced: percentOf(produced, t.cases, threshold),
      percent_content: percentOf(t.outcomes.produced_content, t.cases, threshold),
      percent_non_content: percentOf(t.outcomes.produced_non_content, t.cases, threshold),
      percent_refused: percentOf(t.outcomes.refused, t.cases, threshold),
    };
  });

  const pairRows = byPublishedSize(
    [...stateInstruments.values()],
    (p) => p.cases,
    (p) => `${p.state}/${p.instrument}`,
    threshold,
  ).map((p) => ({
    state: p.state,
    instrument: p.instrument,
    cases: band(p.cases),
    percent_some_data_produced: percentOf(p.produced, p.cases, threshold),
  }));

  const monthly = new Map<string, { total: number; sealed: number }>();
  for (const m of counts.months) {
    const entry = monthly.get(m.month) ?? { total: 0, sealed: 0 };
    entry.total += m.cases;
    if (m.key === "sealed") entry.sealed += m.cases;
    monthly.set(m.month, entry);
  }

  const sealed = table.get("cases", "sealed");
  const open = table.get("cases", "public");
  return {
    format: REPORT_FORMAT,
    period: { label: period.label, kind: period.kind, start: period.start, end: period.end },
    log_size: counts.logSize,
    banding: { threshold, band: bandLabel(threshold) },
    cases: { total: band(sealed + open), public: band(open), sealed: band(sealed) },
    events: PUBLIC_EVENT_TYPES.map((type) => ({ event_type: type, cases: band(table.get("event", type)) })),
    breakdowns,
    by_requesting_state: stateRows,
    by_requesting_state_and_instrument: pairRows,
    over_time: period.months.map((month) => {
      const m = monthly.get(month) ?? { total: 0, sealed: 0 };
      return { month, total: band(m.total), sealed: band(m.sealed) };
    }),
  };
}
