/**
 * Small counts are published as a band, so that a count of 1–9 requests about one country cannot
 * point at a person: with threshold 10, counts 1..9 become `{ band: "1-9" }`, 0 stays 0 (the public
 * may know that nothing was asked) and 10 and more are exact. Threshold 1 publishes exact counts.
 *
 * Banding is per cell, after aggregation. It does not do secondary suppression: where a total and
 * all but one of its parts are exact, the banded part can be recovered by subtraction.
 */
import { ReportError } from "./report-error.ts";

export type Count = number | { readonly band: string };

export const DEFAULT_BAND_THRESHOLD = 10;
const MAX_THRESHOLD = 1_000_000;

/** Validates a threshold (an integer 1–1,000,000); THRESHOLD_INVALID otherwise. */
export function checkThreshold(threshold: number): number {
  if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > MAX_THRESHOLD)
    throw new ReportError(
      "THRESHOLD_INVALID",
      `the banding threshold must be an integer from 1 (no banding) to ${MAX_THRESHOLD}, got ${threshold}`,
    );
  return threshold;
}

/** The band label for a threshold (`1-9` for 10), or null when nothing is banded. */
export function bandLabel(threshold: number): string | null {
  if (threshold <= 1) return null;
  return threshold === 2 ? "1" : `1-${threshold - 1}`;
}

export function isBanded(count: number, threshold: number): boolean {
  return count >= 1 && count < threshold;
}

/** The published form of an exact count. */
export function bandCount(count: number, threshold: number): Count {
  return isBanded(count, threshold) ? { band: bandLabel(threshold)! } : count;
}

/**
 * `numerator / denominator` in percent, two decimals — or null when the denominator is 0 or either
 * count is banded, so that a percentage never reveals a count the report bands.
 */
export function percentOf(numerator: number, denominator: number, threshold: number): number | null {
  if (denominator === 0 || isBanded(numerator, threshold) || isBanded(denominator, threshold)) return null;
  return Math.round((numerator / denominator) * 10_000) / 100;
}

/** A count as text: the number, or the band label. */
export function countText(count: Count): string {
  return typeof count === "number" ? String(count) : count.band;
}
