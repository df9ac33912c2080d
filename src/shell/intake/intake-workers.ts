/**
 * Intake's worker threads: each submission's CPU work (signature verification, validation, assessment,
 * sealing, the case's rows; see prepare-submission.ts) runs on another core while the main thread serves
 * HTTP and commits. On a 2-core machine one worker about doubles the CPU intake can use (issue 4).
 *
 * A submission goes to the worker with the fewest in flight. A worker that dies fails what it held (the
 * submissions are journaled as internal errors and were never acknowledged) and is replaced.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { DataKey } from "../crypto/personal-data.ts";
import type { FromWorker, IntakeWorkerData, ToWorker } from "./intake-worker.ts";
import type { PreparedSubmission, SubmissionToPrepare } from "./prepare-submission.ts";

export interface IntakeWorkersOptions {
  /** Number of threads (at least 1). */
  readonly count: number;
  readonly dataKey: DataKey;
  readonly lawDir?: string | undefined;
}

/** The default number of intake workers: every core but the main thread's, at most 4. */
export function defaultIntakeWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Slot {
  worker: Worker;
  readonly pending: Map<number, { resolve: (r: PreparedSubmission) => void; reject: (e: Error) => void }>;
}

export class IntakeWorkers {
  readonly #options: IntakeWorkersOptions;
  readonly #slots: Slot[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: IntakeWorkersOptions) {
    if (!Number.isInteger(options.count) || options.count < 1)
      throw new RangeError(`intake workers: count must be a positive integer, got ${options.count}`);
    this.#options = options;
    for (let i = 0; i < options.count; i++) {
      const slot: Slot = { worker: undefined as unknown as Worker, pending: new Map() };
      this.#slots.push(slot);
      this.#spawn(slot);
    }
  }

  get count(): number {
    return this.#slots.length;
  }

  /** The threads now serving (diagnostics; the tests stop one to check that the pool recovers). */
  get threads(): readonly Worker[] {
    return this.#slots.map((slot) => slot.worker);
  }

  /** Prepares one submission on the least busy worker. */
  prepare(input: SubmissionToPrepare): Promise<PreparedSubmission> {
    if (this.#closed) return Promise.reject(new Error("intake workers are closed"));
    let slot = this.#slots[0]!;
    for (const candidate of this.#slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
    const id = this.#nextId++;
    // A Buffer is often a view of a larger ArrayBuffer (a 1.3 KB request body sits in the socket's 64 KiB
    // read buffer; small randomBytes in Node's 8 KiB pool), and postMessage copies a view's whole
    // ArrayBuffer: 64 KiB per submission. Exact copies are sent instead, and transferred, not copied again.
    const body = new Uint8Array(input.body);
    const salt = new Uint8Array(input.salt);
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, input: { ...input, body, salt } } satisfies ToWorker, [
        body.buffer,
        salt.buffer,
      ]);
    });
  }

  /** Milliseconds the workers' event loops were busy since they started (the bench's load figures). */
  busyMs(): number {
    return this.#slots.reduce((sum, slot) => sum + slot.worker.performance.eventLoopUtilization().active, 0);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(slot: Slot): void {
    const workerData: IntakeWorkerData = {
      kind: "lightswitch-intake-worker",
      lawDir: this.#options.lawDir,
      dataKey: new Uint8Array(this.#options.dataKey),
    };
    // The name is the thread's name in ps and /proc (the bench's CPU per thread).
    const worker = new Worker(new URL("./intake-worker.ts", import.meta.url), {
      workerData,
      name: "intake-prepare",
    });
    slot.worker = worker;
    worker.on("message", (message: FromWorker) => {
      const waiting = slot.pending.get(message.id);
      if (waiting === undefined) return;
      slot.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`intake worker: ${message.message}`));
    });
    const fail = (error: Error) => {
      if (slot.worker !== worker) return;
      for (const waiting of slot.pending.values()) waiting.reject(error);
      slot.pending.clear();
      if (!this.#closed) this.#spawn(slot);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`intake worker exited with code ${code}`)));
  }
}
