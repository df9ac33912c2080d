/**
 * Reporting periods, as providers publish them: a year (`2026`), a half (`2026H1`), a quarter
 * (`2026Q3`) or a month (`2026-05`). Every period is a whole number of calendar months, so the
 * report index keeps counts per month and a report sums the months of its period.
 *
 * The label is untrusted input (CLI argument, URL segment): anything else is PERIOD_INVALID.
 */
import { ReportError } from "./report-error.ts";

export type PeriodKind = "year" | "half" | "quarter" | "month";

export interface ReportPeriod {
  readonly kind: PeriodKind;
  /** The canonical label: `2026`, `2026H1`, `2026Q3`, `2026-05`. */
  readonly label: string;
  /** The months covered, `YYYY-MM`, in order. */
  readonly months: readonly string[];
  /** First and last calendar day, `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
}

const PATTERN = /^(\d{4})(?:H([12])|Q([1-4])|-(0[1-9]|1[0-2]))?$/;
const MONTHS_PER: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };

const pad = (n: number): string => String(n).padStart(2, "0");

/** The last day of a month (month 1–12), by the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses `2026`, `2026H1`, `2026Q3` or `2026-05` (years 1970–9999); anything else is PERIOD_INVALID. */
export function parsePeriod(text: string): ReportPeriod {
  const match = PATTERN.exec(text);
  const year = Number(match?.[1]);
  if (match === null || year < 1970)
    throw new ReportError(
      "PERIOD_INVALID",
      `"${text.slice(0, 40)}" is not a period: use a year (2026), a half (2026H1), a quarter (2026Q3) or a month (2026-05), from 1970`,
    );
  const [, , half, quarter, month] = match;
  const kind: PeriodKind =
    half !== undefined ? "half" : quarter !== undefined ? "quarter" : month !== undefined ? "month" : "year";
  const first =
    half !== undefined
      ? (Number(half) - 1) * 6 + 1
      : quarter !== undefined
        ? (Number(quarter) - 1) * 3 + 1
        : month !== undefined
          ? Number(month)
          : 1;
  const count = MONTHS_PER[kind];
  const months = Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
  const last = first + count - 1;
  return {
    kind,
    label: text,
    months,
    start: `${year}-${pad(first)}-01`,
    end: `${year}-${pad(last)}-${pad(daysIn(year, last))}`,
  };
}

/** The month (`YYYY-MM`) of a calendar day (`YYYY-MM-DD`). */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The halves of the years that contain any of `months`, oldest first (the static site's index). */
export function halvesCovering(months: Iterable<string>): string[] {
  const halves = new Set<string>();
  for (const month of months) halves.add(`${month.slice(0, 4)}H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`);
  return [...halves].sort();
}
