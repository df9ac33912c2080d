/**
 * Log entries staged inside a writer's own transaction: the writer inserts its rows, stages their public
 * records here, and `sequence` writes them to the log in the same transaction (see
 * `Sequencer.sequenceWithin`), so rows and log entries commit together with one fsync. Each staged
 * entry's ticket carries its index once sequenced; the writer reads it after the commit and tells the
 * sequencer with `committed` (a rolled-back transaction leaves the log in memory unchanged).
 */
import type { Transaction } from "kysely";
import type { DB } from "../store/schema.ts";
import type { LogItem, SequencedBatch, Sequencer } from "./sequencer.ts";

/** Where a staged log entry went; set when its transaction has sequenced it (read it after the commit). */
export interface LogTicket {
  index: number | undefined;
  error: Error | undefined;
}

/** Stages one log entry into the writer's transaction: the record of a new event, under its new id. */
export type StageLogEntry = (data: Uint8Array, eventId: string) => LogTicket;

/** What a writer needs of the log: sequencing inside its transaction. */
export type TransactionalLog = Pick<Sequencer, "sequenceWithin" | "committed">;

export class LogStaging {
  readonly #items: Array<LogItem & { readonly ticket: LogTicket }> = [];

  /** Stages an entry whose event id was made for it just now (no earlier append can hold it). */
  readonly stage: StageLogEntry = (data, eventId) => {
    const ticket: LogTicket = { index: undefined, error: undefined };
    this.#items.push({ data, eventId, fresh: true, ticket });
    return ticket;
  };

  /** Sequences what was staged into `tx` and fills the tickets; undefined when nothing was staged. */
  async sequence<T>(log: TransactionalLog, tx: Transaction<T>): Promise<SequencedBatch | undefined> {
    if (this.#items.length === 0) return undefined;
    // The log's tables are the store's own: the transaction is the same, only its row types differ.
    const sequenced = await log.sequenceWithin(tx as unknown as Transaction<DB>, this.#items);
    this.#items.forEach(({ ticket }, i) => {
      const outcome = sequenced.outcomes[i];
      if (outcome instanceof Error) ticket.error = outcome;
      else if (outcome === undefined) ticket.error = new Error("entry was not sequenced");
      else ticket.index = outcome.index;
    });
    return sequenced;
  }
}

/** The indexes of staged entries, once their transaction committed; throws a refused entry's error. */
export function ticketIndexes(tickets: readonly LogTicket[]): number[] {
  return tickets.map((ticket) => {
    if (ticket.index === undefined) throw ticket.error ?? new Error("log entry was not sequenced");
    return ticket.index;
  });
}
