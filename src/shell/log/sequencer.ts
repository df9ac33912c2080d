/**
 * The log's single writer. `append(entry)` queues an entry; every `intervalMs` (default 1 s) the
 * queue is sequenced as one batch: in ONE transaction the entries, the tile hashes that became
 * final and a newly signed checkpoint are written, so tiles, bundles and checkpoint never disagree.
 * The promise of each append resolves with `{ index }` only after that transaction committed (the
 * entry is durable: SQLite synchronous=FULL, PostgreSQL commit).
 *
 * Single writer: within a process the batches run one at a time; across processes the transaction
 * takes a lock (PostgreSQL advisory lock, SQLite write lock) and re-reads the committed size, and if
 * another writer moved the log, the in-memory right edge is reloaded before sequencing.
 */
import type { Kysely, Transaction } from "kysely";
import { hashLeaf } from "../../core/log/merkle.ts";
import { MAX_ENTRY_SIZE } from "../../core/log/tiles.ts";
import type { DB } from "../store/schema.ts";
import { LogServiceError } from "./log-service-error.ts";
import type { LogStore, NewEntry, StoredCheckpoint } from "./log-store.ts";
import { RightEdge } from "./tile-hash-reader.ts";

/** Signs the checkpoint note for a tree (size, root). */
export type CheckpointSigner = (size: number, rootHash: Uint8Array) => string;

export interface SequencerOptions {
  readonly store: LogStore;
  readonly signCheckpoint: CheckpointSigner;
  /** Milliseconds between batches. Default 1000. */
  readonly intervalMs?: number;
  /** A batch is started early once this many entries wait. Default 100,000. */
  readonly maxBatch?: number;
  /** Called (not awaited) after each new checkpoint committed, e.g. to collect cosignatures. */
  readonly onCheckpoint?: (checkpoint: StoredCheckpoint) => void;
  readonly now?: () => number;
}

interface Pending extends LogItem {
  readonly resolve: (result: { index: number }) => void;
  readonly reject: (error: unknown) => void;
}

export class Sequencer {
  readonly #store: LogStore;
  readonly #sign: CheckpointSigner;
  readonly #intervalMs: number;
  readonly #maxBatch: number;
  readonly #onCheckpoint: ((checkpoint: StoredCheckpoint) => void) | undefined;
  readonly #now: () => number;
  #edge: RightEdge;
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(options: SequencerOptions, edge: RightEdge) {
    this.#store = options.store;
    this.#sign = options.signCheckpoint;
    this.#intervalMs = options.intervalMs ?? 1000;
    this.#maxBatch = options.maxBatch ?? 100_000;
    this.#onCheckpoint = options.onCheckpoint;
    this.#now = options.now ?? Date.now;
    this.#edge = edge;
  }

  /** Loads the right edge of the stored tree (and signs the empty checkpoint for a new log). */
  static async start(options: SequencerOptions): Promise<Sequencer> {
    const sequencer = new Sequencer(options, await loadEdge(options.store, 0));
    await sequencer.#sequence([]);
    return sequencer;
  }

  get size(): number {
    return this.#edge.size;
  }

  /** Queues one entry (≤ 65,535 bytes); resolves with its index once durable. */
  append(data: Uint8Array, options: { eventId?: string } = {}): Promise<{ index: number }> {
    if (this.#closed)
      return Promise.reject(new LogServiceError("SEQUENCER_CLOSED", "the sequencer is closed"));
    if (data.length > MAX_ENTRY_SIZE)
      return Promise.reject(
        new LogServiceError(
          "ENTRY_TOO_LARGE",
          `an entry is at most ${MAX_ENTRY_SIZE} bytes, got ${data.length}`,
        ),
      );
    return new Promise((resolve, reject) => {
      this.#queue.push({ data, eventId: options.eventId ?? null, resolve, reject });
      if (this.#queue.length >= this.#maxBatch) void this.flush();
      else this.#timer ??= setTimeout(() => void this.flush(), this.#intervalMs);
    });
  }

  /** Sequences everything queued so far now; resolves when it is durable (or failed). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#queue;
    this.#queue = [];
    this.#running = this.#running.then(() => (batch.length === 0 ? undefined : this.#sequence(batch)));
    return this.#running;
  }

  /** Sequences what is queued, then refuses further appends. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  /**
   * Sequences `items` inside the caller's transaction `tx`, after the caller's own writes, so that rows
   * and their log entries commit together (one commit, one fsync): what group commits of intake use.
   * Takes the single-writer lock for the rest of `tx`. Call `committed` with the result once `tx`
   * committed; if it rolls back, drop the result (the log in memory is unchanged).
   */
  async sequenceWithin(tx: Transaction<DB>, items: readonly LogItem[]): Promise<SequencedBatch> {
    const latest = await this.#store.lockForAppend(tx);
    const committedSize = latest?.size ?? 0;
    const hasCheckpoint = latest !== undefined;
    // Another process (or a transaction of this one not yet acknowledged) moved the log: reload.
    if (committedSize !== this.#edge.size) this.#edge = await loadEdge(this.#store, committedSize, tx);
    const edge = this.#edge.clone();
    const { accepted, aliases, outcomes } = await this.#deduplicate(tx, items);
    if (accepted.length === 0 && hasCheckpoint) {
      for (const [position, first] of aliases) outcomes[position] = outcomes[first];
      return { outcomes, edge, checkpoint: undefined };
    }
    const entries: NewEntry[] = [];
    const tileHashes: Array<{ level: number; index: number; hash: Uint8Array }> = [];
    for (const item of accepted) {
      const leafHash = hashLeaf(item.data);
      entries.push({ index: edge.size, leafHash, data: item.data, eventId: item.eventId });
      outcomes[item.position] = { index: edge.size };
      tileHashes.push(...edge.append(leafHash));
    }
    for (const [position, first] of aliases) outcomes[position] = outcomes[first];
    const rootHash = edge.root();
    const checkpoint: StoredCheckpoint = {
      size: edge.size,
      rootHash,
      note: this.#sign(edge.size, rootHash),
      cosignedNote: null,
      createdAt: this.#now(),
    };
    await this.#store.appendBatch(tx, entries, tileHashes, checkpoint);
    return { outcomes, edge, checkpoint };
  }

  /** The transaction of `batch` committed: the right edge in memory moves on, watchers hear of it. */
  committed(batch: SequencedBatch): void {
    // Transactions of one process may be acknowledged out of order (PostgreSQL's pool): keep the larger.
    if (batch.edge.size >= this.#edge.size) this.#edge = batch.edge;
    if (batch.checkpoint !== undefined) this.#onCheckpoint?.(batch.checkpoint);
  }

  async #sequence(batch: Pending[]): Promise<void> {
    try {
      const results = await this.#store.db.transaction().execute((tx) => this.sequenceWithin(tx, batch));
      this.committed(results);
      batch.forEach((pending, i) => {
        const outcome = results.outcomes[i];
        if (outcome instanceof Error || outcome === undefined)
          pending.reject(outcome ?? new Error("entry was not sequenced"));
        else pending.resolve(outcome);
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      if (batch.length === 0) throw error;
    }
  }

  /**
   * Event ids are unique: re-appending the same event with the same bytes returns its index
   * (retries are safe); different bytes under a known id are refused. Within a batch, the first wins.
   */
  async #deduplicate(
    tx: Transaction<DB>,
    batch: readonly LogItem[],
  ): Promise<{
    accepted: Array<{ data: Uint8Array; eventId: string | null; position: number }>;
    aliases: Map<number, number>;
    outcomes: Outcome[];
  }> {
    const outcomes: Outcome[] = new Array(batch.length);
    const aliases = new Map<number, number>();
    const ids = batch.flatMap((p) => (p.eventId === null || p.fresh === true ? [] : [p.eventId]));
    const stored = ids.length === 0 ? new Map() : await this.#store.entriesByEventIds(ids, tx);
    const firstInBatch = new Map<string, number>();
    const accepted: Array<{ data: Uint8Array; eventId: string | null; position: number }> = [];
    batch.forEach((pending, position) => {
      const id = pending.eventId;
      const existing = id === null ? undefined : stored.get(id);
      const earlier = id === null ? undefined : firstInBatch.get(id);
      const previous = existing?.data ?? (earlier === undefined ? undefined : batch[earlier]!.data);
      if (id === null || previous === undefined) {
        if (id !== null) firstInBatch.set(id, position);
        accepted.push({ data: pending.data, eventId: id, position });
      } else if (!Buffer.from(previous).equals(Buffer.from(pending.data))) {
        outcomes[position] = new LogServiceError(
          "EVENT_ID_CONFLICT",
          `event ${id} is already logged with different content`,
        );
      } else if (existing !== undefined) {
        outcomes[position] = { index: existing.index };
      } else {
        aliases.set(position, earlier!);
      }
    });
    return { accepted, aliases, outcomes };
  }
}

/** Where an entry went: its index, or why it was refused (an event id logged with other bytes). */
export type Outcome = { index: number } | Error | undefined;

/** One entry to sequence: its bytes and, for case events, the event id that makes re-appends safe. */
export interface LogItem {
  readonly data: Uint8Array;
  readonly eventId: string | null;
  /** The event id was made for this entry just now (a new case's events): no earlier append can hold it,
   * so the store is not searched for it. */
  readonly fresh?: boolean;
}

/** A batch sequenced inside a caller's transaction, not yet acknowledged (see `Sequencer.committed`). */
export interface SequencedBatch {
  /** One per item, in order. */
  readonly outcomes: readonly Outcome[];
  readonly edge: RightEdge;
  readonly checkpoint: StoredCheckpoint | undefined;
}

async function loadEdge(store: LogStore, size: number, db: Kysely<DB> = store.db): Promise<RightEdge> {
  const tiles: Uint8Array[][] = [];
  for (const range of RightEdge.rangesFor(size)) tiles.push(await store.readTileHashes(range, db));
  return new RightEdge(size, tiles);
}
