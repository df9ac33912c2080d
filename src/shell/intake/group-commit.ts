/**
 * Group commit: write jobs queued in the same tick run in ONE transaction, so many submissions share
 * one commit (one fsync under SQLite synchronous=FULL) instead of paying one each. Each job's promise
 * settles only after that transaction committed, so an acknowledgement still means "durable".
 *
 * A job may throw an IntakeRejection before writing (e.g. a conflict): it fails alone and the others
 * commit. Any other error may have left the transaction unusable (PostgreSQL aborts it), so the batch
 * is rolled back and every job is re-run alone in its own transaction; jobs must be safe to re-run
 * (read, then write).
 */
import type { Kysely, Transaction } from "kysely";
import { IntakeRejection } from "../../core/intake/intake-rejection.ts";

type Job<DB> = {
  readonly run: (tx: Transaction<DB>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
};

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

export class GroupCommitter<DB> {
  readonly #db: Kysely<DB>;
  #queue: Job<DB>[] = [];
  #scheduled = false;
  #running: Promise<void> = Promise.resolve();

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Runs `job` in the next group transaction; resolves with its result once committed. */
  run<T>(job: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run: job, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    // One group at a time: the next one gathers while this one commits.
    this.#running = this.#running.then(() => this.#commit(batch));
  }

  async #commit(batch: readonly Job<DB>[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.#db.transaction().execute(async (tx) => {
        const results: Outcome[] = [];
        for (const job of batch) {
          try {
            results.push({ ok: true, value: await job.run(tx) });
          } catch (error) {
            if (!(error instanceof IntakeRejection)) throw error;
            results.push({ ok: false, error });
          }
        }
        return results;
      });
    } catch {
      await Promise.all(batch.map((job) => this.#commitAlone(job)));
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  async #commitAlone(job: Job<DB>): Promise<void> {
    try {
      job.resolve(await this.#db.transaction().execute((tx) => job.run(tx)));
    } catch (error) {
      job.reject(error);
    }
  }
}
