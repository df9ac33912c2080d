/**
 * Worker thread of `simulate --synthetic`: generates its slice of synthetic requests (by index, so nothing
 * but numbers crosses the thread boundary), assesses each under every profile and tallies the verdicts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { assessRequest } from "../../core/assess/assess.ts";
import type { Profile } from "../../core/profiles/profile-schema.ts";
import { addVerdict, emptyCounts } from "../../core/scenario/simulation.ts";
import { generateSyntheticRequest } from "../../core/scenario/synthetic.ts";
import { loadShippedLaw } from "../kb/load-shipped-law.ts";

export interface SyntheticSlice {
  readonly seed: number;
  readonly start: number;
  readonly count: number;
  readonly profiles: readonly string[];
  readonly lawDir?: string;
}

export type WorkerMessage =
  | { readonly kind: "progress"; readonly done: number }
  | { readonly kind: "done"; readonly counts: Record<string, ReturnType<typeof emptyCounts>> }
  | { readonly kind: "error"; readonly message: string };

const PROGRESS_EVERY = 5_000;

/** Assesses requests `start … start+count-1` of `seed`; `onProgress(done)` every few thousand requests. */
export function assessSyntheticSlice(slice: SyntheticSlice, onProgress?: (done: number) => void) {
  const { kb, profiles } = loadShippedLaw(slice.lawDir);
  const chosen: Profile[] = slice.profiles.map((id) => {
    const profile = profiles.get(id);
    if (profile === undefined) throw new Error(`unknown profile ${id}`);
    return profile;
  });
  const counts: Record<string, ReturnType<typeof emptyCounts>> = {};
  for (const profile of chosen) counts[profile.id] = emptyCounts();
  for (let i = 0; i < slice.count; i++) {
    const request = generateSyntheticRequest(slice.seed, slice.start + i);
    for (const profile of chosen) {
      const tally = counts[profile.id];
      if (tally !== undefined) addVerdict(tally, assessRequest(request, profile, kb).verdict);
    }
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.(PROGRESS_EVERY);
  }
  onProgress?.(slice.count % PROGRESS_EVERY);
  return counts;
}

if (parentPort !== null && workerData !== undefined && workerData !== null) {
  const port = parentPort;
  try {
    const counts = assessSyntheticSlice(workerData as SyntheticSlice, (done) =>
      port.postMessage({ kind: "progress", done } satisfies WorkerMessage),
    );
    port.postMessage({ kind: "done", counts } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({
      kind: "error",
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerMessage);
  }
}
