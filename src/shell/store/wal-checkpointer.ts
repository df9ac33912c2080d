/**
 * Background checkpoints for the embedded store. Under synchronous=FULL every commit fsyncs the WAL,
 * and by default the commit that pushes the WAL past 1,000 pages also copies it into the database file
 * and fsyncs that, all on the thread that committed: the event loop stops for it (intake measured a
 * checkpoint every few group commits, each several times a normal commit). Here a worker thread with its
 * own connection checkpoints every `intervalMs` instead; the writer's automatic checkpoint stays as a
 * safety net at a higher threshold, in case the worker falls behind. Durability is unchanged: a commit
 * is durable once its WAL frames are synced, which the committing thread still waits for.
 */
import { Worker } from "node:worker_threads";
import type { CheckpointWorkerData } from "./wal-checkpoint-worker.ts";

/** WAL pages after which the writer checkpoints itself (the safety net; SQLite's default is 1,000). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  constructor(path: string, intervalMs = 100) {
    const workerData: CheckpointWorkerData = { kind: "lightswitch-wal-checkpointer", path, intervalMs };
    this.#worker = new Worker(new URL("./wal-checkpoint-worker.ts", import.meta.url), {
      workerData,
      name: "wal-checkpoint",
    });
    this.#exited = new Promise((resolve) => this.#worker.once("exit", () => resolve()));
    // An error in the worker only means checkpoints fall back to the writer; the store goes on.
    this.#worker.on("error", () => undefined);
    this.#worker.unref();
  }

  /** Runs a last checkpoint and ends the worker. */
  async close(): Promise<void> {
    // Unreferenced so that it never keeps a process alive by itself; closing waits for it.
    this.#worker.ref();
    this.#worker.postMessage("stop");
    await this.#exited;
  }
}
