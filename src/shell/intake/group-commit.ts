/**
 * Group commit: write jobs queued in the same tick run in ONE transaction, so many submissions share
 * one commit (one fsync under SQLite synchronous=FULL) instead of paying one each. Each job's promise
 * settles only after that transaction committed, so an acknowledgement still means "durable".
 *
 * With a log, jobs may stage log entries (the public records of what they wrote): those are sequenced
 * into the same transaction after the jobs ran, so rows and log entries commit together and a receipt
 * needs one commit, not one for the rows and another for the log (issue 4's throughput).
 *
 * A job may throw an IntakeRejection before writing (e.g. a conflict): it fails alone (its staged
 * entries are dropped) and the others commit. Any other error may have left the transaction unusable
 * (PostgreSQL aborts it), so the batch is rolled back and every job is re-run alone in its own
 * transaction; jobs must be safe to re-run (read, then write).
 */
import type { Kysely, Transaction } from "kysely";
import { IntakeRejection } from "../../core/intake/intake-rejection.ts";
import type { LogItem, SequencedBatch, Sequencer } from "../log/sequencer.ts";
import type { DB as StoreDB } from "../store/schema.ts";

/** Where a staged log entry went; set when its transaction has sequenced it (read it after the job). */
export interface LogTicket {
  index: number | undefined;
  error: Error | undefined;
}

/** Stages one log entry into the job's transaction: the record of a new event, under its new id. */
export type StageLogEntry = (data: Uint8Array, eventId: string) => LogTicket;

/** What group commits need of the log: sequencing inside their transaction. */
export type TransactionalLog = Pick<Sequencer, "sequenceWithin" | "committed">;

type Job<DB> = {
  readonly run: (tx: Transaction<DB>, stage: StageLogEntry) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
};

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

export class GroupCommitter<DB> {
  readonly #db: Kysely<DB>;
  readonly #log: TransactionalLog | undefined;
  #queue: Job<DB>[] = [];
  #scheduled = false;
  #committing = false;

  constructor(db: Kysely<DB>, options: { readonly log?: TransactionalLog | undefined } = {}) {
    this.#db = db;
    this.#log = options.log;
  }

  /**
   * Runs `job` in the next group transaction; resolves with its result once committed. Entries the job
   * stages are in the log when it resolves (their tickets carry the indexes).
   */
  run<T>(job: (tx: Transaction<DB>, stage: StageLogEntry) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run: job, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /**
   * A group is cut when the writer is free, not on every tick: what arrives while one group commits
   * waits and goes together into the next, so groups grow with the load (and commits per request fall).
   */
  #schedule(): void {
    if (this.#scheduled || this.#committing || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const batch = this.#queue;
      this.#queue = [];
      this.#committing = true;
      void this.#commit(batch).finally(() => {
        this.#committing = false;
        this.#schedule();
      });
    });
  }

  async #commit(batch: readonly Job<DB>[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.#inTransaction(batch);
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
      const [outcome] = await this.#inTransaction([job]);
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    } catch (error) {
      job.reject(error);
    }
  }

  /** Runs the jobs, then sequences what they staged, in one transaction; the log hears once committed. */
  async #inTransaction(jobs: readonly Job<DB>[]): Promise<Outcome[]> {
    let sequenced: SequencedBatch | undefined;
    const outcomes = await this.#db.transaction().execute(async (tx) => {
      const results: Outcome[] = [];
      const staged: Array<LogItem & { readonly ticket: LogTicket }> = [];
      for (const job of jobs) {
        const mine: typeof staged = [];
        const stage: StageLogEntry = (data, eventId) => {
          if (this.#log === undefined) throw new Error("this group committer has no log to stage into");
          const ticket: LogTicket = { index: undefined, error: undefined };
          mine.push({ data, eventId, fresh: true, ticket });
          return ticket;
        };
        try {
          results.push({ ok: true, value: await job.run(tx, stage) });
          staged.push(...mine);
        } catch (error) {
          if (!(error instanceof IntakeRejection)) throw error;
          results.push({ ok: false, error });
        }
      }
      if (staged.length > 0 && this.#log !== undefined) {
        // The log's tables are the store's own: the transaction is the same, only its row types differ.
        sequenced = await this.#log.sequenceWithin(tx as unknown as Transaction<StoreDB>, staged);
        staged.forEach(({ ticket }, i) => {
          const outcome = sequenced?.outcomes[i];
          if (outcome instanceof Error) ticket.error = outcome;
          else if (outcome === undefined) ticket.error = new Error("entry was not sequenced");
          else ticket.index = outcome.index;
        });
      }
      return results;
    });
    if (sequenced !== undefined) this.#log?.committed(sequenced);
    return outcomes;
  }
}

/** The indexes of a job's staged entries, once its transaction committed; throws a refused entry's error. */
export function ticketIndexes(tickets: readonly LogTicket[]): number[] {
  return tickets.map((ticket) => {
    if (ticket.index === undefined) throw ticket.error ?? new Error("log entry was not sequenced");
    return ticket.index;
  });
}
