/**
 * The log's tables, read and written through Kysely (dialect-agnostic). Reads serve tiles, entry
 * bundles, checkpoints and event lookups; `appendBatch` writes one sequenced batch inside the
 * caller's transaction.
 */
import type { Kysely, Transaction } from "kysely";
import { sql } from "kysely";
import type { Dialect } from "../store/database.ts";
import type { DB } from "../store/schema.ts";
import type { TileHashRange } from "./tile-hash-reader.ts";

export interface StoredCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
  readonly cosignedNote: string | null;
  readonly createdAt: number;
}

export interface NewEntry {
  readonly index: number;
  readonly leafHash: Uint8Array;
  readonly data: Uint8Array;
  readonly eventId: string | null;
}

/** Rows per INSERT statement: well below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;
/** Arbitrary constant naming the log's sequencer lock on PostgreSQL (pg_advisory_xact_lock). */
const SEQUENCER_LOCK_KEY = 0x6c_6f_67_31;

function bytes(view: Uint8Array): Buffer {
  return Buffer.isBuffer(view) ? view : Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

function view(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export class LogStore {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;

  constructor(db: Kysely<DB>, dialect: Dialect) {
    this.db = db;
    this.dialect = dialect;
  }

  async latestCheckpoint(db: Kysely<DB> = this.db): Promise<StoredCheckpoint | undefined> {
    const row = await db
      .selectFrom("log_checkpoints")
      .selectAll()
      .orderBy("size", "desc")
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : toCheckpoint(row);
  }

  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    const row = await this.db
      .selectFrom("log_checkpoints")
      .selectAll()
      .where("size", "=", size)
      .executeTakeFirst();
    return row === undefined ? undefined : toCheckpoint(row);
  }

  async setCosignedNote(size: number, note: string): Promise<void> {
    await this.db
      .updateTable("log_checkpoints")
      .set({ cosigned_note: note })
      .where("size", "=", size)
      .execute();
  }

  /** Exactly `count` consecutive hashes of one tile level, or throws (the caller checked the size). */
  async readTileHashes(range: TileHashRange, db: Kysely<DB> = this.db): Promise<Uint8Array[]> {
    if (range.count === 0) return [];
    const end = range.start + range.count - 1;
    const rows =
      range.level === 0
        ? await db
            .selectFrom("log_entries")
            .select(["idx", "leaf_hash as hash"])
            .where("idx", ">=", range.start)
            .where("idx", "<=", end)
            .orderBy("idx")
            .execute()
        : await db
            .selectFrom("log_tile_hashes")
            .select(["idx", "hash"])
            .where("level", "=", range.level)
            .where("idx", ">=", range.start)
            .where("idx", "<=", end)
            .orderBy("idx")
            .execute();
    if (rows.length !== range.count)
      throw new Error(
        `store has ${rows.length} of ${range.count} hashes at level ${range.level} from ${range.start}`,
      );
    return rows.map((r) => view(r.hash));
  }

  /** The entries with indexes [start, start+count), in order. */
  async readEntries(start: number, count: number): Promise<Uint8Array[]> {
    const rows = await this.db
      .selectFrom("log_entries")
      .select(["data"])
      .where("idx", ">=", start)
      .where("idx", "<", start + count)
      .orderBy("idx")
      .execute();
    return rows.map((r) => view(r.data));
  }

  async indexOfEvent(eventId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("log_entries")
      .select("idx")
      .where("event_id", "=", eventId)
      .executeTakeFirst();
    return row?.idx;
  }

  /** Entries already stored under any of these event ids (for idempotent re-appends). */
  async entriesByEventIds(
    eventIds: readonly string[],
    db: Kysely<DB> = this.db,
  ): Promise<Map<string, { index: number; data: Uint8Array }>> {
    const found = new Map<string, { index: number; data: Uint8Array }>();
    for (let i = 0; i < eventIds.length; i += INSERT_CHUNK) {
      const rows = await db
        .selectFrom("log_entries")
        .select(["idx", "data", "event_id"])
        .where("event_id", "in", eventIds.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const r of rows)
        if (r.event_id !== null) found.set(r.event_id, { index: r.idx, data: view(r.data) });
    }
    return found;
  }

  /**
   * Takes the single-writer lock for the rest of `tx` and returns the latest committed checkpoint
   * (undefined for a new log). PostgreSQL: a transaction-scoped advisory lock. SQLite: every transaction
   * holds the write lock from its BEGIN IMMEDIATE (database.ts).
   */
  async lockForAppend(tx: Transaction<DB>): Promise<StoredCheckpoint | undefined> {
    if (this.dialect === "postgres")
      await sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK_KEY})`.execute(tx);
    return this.latestCheckpoint(tx);
  }

  async appendBatch(
    tx: Transaction<DB>,
    entries: readonly NewEntry[],
    tileHashes: ReadonlyArray<{ level: number; index: number; hash: Uint8Array }>,
    checkpoint: StoredCheckpoint,
  ): Promise<void> {
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      await tx
        .insertInto("log_entries")
        .values(
          entries.slice(i, i + INSERT_CHUNK).map((e) => ({
            idx: e.index,
            leaf_hash: bytes(e.leafHash),
            data: bytes(e.data),
            event_id: e.eventId,
          })),
        )
        .execute();
    }
    for (let i = 0; i < tileHashes.length; i += INSERT_CHUNK) {
      await tx
        .insertInto("log_tile_hashes")
        .values(
          tileHashes
            .slice(i, i + INSERT_CHUNK)
            .map((t) => ({ level: t.level, idx: t.index, hash: bytes(t.hash) })),
        )
        .execute();
    }
    await tx
      .insertInto("log_checkpoints")
      .values({
        size: checkpoint.size,
        root_hash: bytes(checkpoint.rootHash),
        note: checkpoint.note,
        cosigned_note: checkpoint.cosignedNote,
        created_at: checkpoint.createdAt,
      })
      .execute();
  }

  async witnessSize(witness: string): Promise<number> {
    const row = await this.db
      .selectFrom("log_witness_sizes")
      .select("size")
      .where("witness", "=", witness)
      .executeTakeFirst();
    return row?.size ?? 0;
  }

  async setWitnessSize(witness: string, size: number): Promise<void> {
    await this.db
      .insertInto("log_witness_sizes")
      .values({ witness, size })
      .onConflict((oc) => oc.column("witness").doUpdateSet({ size }))
      .execute();
  }
}

function toCheckpoint(row: {
  size: number;
  root_hash: Uint8Array;
  note: string;
  cosigned_note: string | null;
  created_at: number;
}): StoredCheckpoint {
  return {
    size: row.size,
    rootHash: view(row.root_hash),
    note: row.note,
    cosignedNote: row.cosigned_note,
    createdAt: row.created_at,
  };
}
