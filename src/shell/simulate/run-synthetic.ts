/**
 * `simulate --synthetic N --seed S`: N generated requests × the chosen profiles, spread over worker threads
 * (one per core by default), with the verdict spread and the throughput.
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { addVerdict, type CountKey, emptyCounts } from "../../core/scenario/simulation.ts";
import { assessSyntheticSlice, type SyntheticSlice, type WorkerMessage } from "./synthetic-worker.ts";

export const SYNTHETIC_SIMULATION_FORMAT = "lightswitch.synthetic-simulation/v1";

export interface SyntheticOptions {
  readonly requests: number;
  readonly seed: number;
  readonly profiles: readonly string[];
  /** Worker threads; 0 runs in this thread. Default: the machine's available parallelism. */
  readonly workers?: number;
  readonly lawDir?: string;
  /** Called with the number of requests finished so far. */
  readonly onProgress?: (done: number) => void;
}

export interface SyntheticReport {
  readonly format: typeof SYNTHETIC_SIMULATION_FORMAT;
  readonly seed: number;
  readonly requests: number;
  readonly profiles: readonly string[];
  readonly workers: number;
  /** Per profile, how many synthetic requests got each verdict (synthetic requests carry no label). */
  readonly verdicts: Readonly<
    Record<string, { readonly total: number } & Readonly<Record<CountKey, number>>>
  >;
  readonly elapsed_ms: number;
  readonly requests_per_second: number;
  /** requests × profiles per second. */
  readonly assessments_per_second: number;
}

type Counts = Record<string, ReturnType<typeof emptyCounts>>;

export async function runSynthetic(options: SyntheticOptions): Promise<SyntheticReport> {
  const workerCount = Math.max(0, Math.min(options.workers ?? availableParallelism(), options.requests));
  const started = performance.now();
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done);
  };
  const slices = splitIntoSlices(options, Math.max(1, workerCount));
  const parts: Counts[] =
    workerCount === 0
      ? slices.map((slice) => assessSyntheticSlice(slice, progress))
      : await Promise.all(slices.map((slice) => runInWorker(slice, progress)));
  const elapsed = performance.now() - started;
  const verdicts: Counts = {};
  for (const profile of options.profiles) verdicts[profile] = mergeCounts(parts.map((p) => p[profile]));
  const seconds = elapsed / 1000;
  return {
    format: SYNTHETIC_SIMULATION_FORMAT,
    seed: options.seed,
    requests: options.requests,
    profiles: [...options.profiles],
    workers: workerCount,
    verdicts,
    elapsed_ms: Math.round(elapsed),
    requests_per_second: Math.round(options.requests / seconds),
    assessments_per_second: Math.round((options.requests * options.profiles.length) / seconds),
  };
}

function splitIntoSlices(options: SyntheticOptions, parts: number): SyntheticSlice[] {
  const size = Math.ceil(options.requests / parts);
  const slices: SyntheticSlice[] = [];
  for (let start = 0; start < options.requests; start += size) {
    slices.push({
      seed: options.seed,
      start,
      count: Math.min(size, options.requests - start),
      profiles: options.profiles,
      ...(options.lawDir === undefined ? {} : { lawDir: options.lawDir }),
    });
  }
  return slices;
}

function runInWorker(slice: SyntheticSlice, progress: (n: number) => void): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./synthetic-worker.ts", import.meta.url), { workerData: slice });
    let settled = false;
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "progress") progress(message.done);
      else if (message.kind === "done") {
        settled = true;
        resolve(message.counts);
      } else {
        settled = true;
        reject(new Error(message.message));
      }
    });
    worker.on("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`synthetic worker exited with code ${code}`));
    });
  });
}

function mergeCounts(
  parts: readonly (ReturnType<typeof emptyCounts> | undefined)[],
): ReturnType<typeof emptyCounts> {
  const total = emptyCounts();
  for (const part of parts) {
    if (part === undefined) continue;
    for (const [key, value] of Object.entries(part) as [keyof typeof total, number][]) total[key] += value;
  }
  return total;
}

/** Re-exported so callers tallying inline use the same arithmetic. */
export { addVerdict };
