/**
 * The database schema as one Kysely `DB` interface, grouped by the module that owns the tables. A new
 * module (the case service) adds its own `XTables` interface here and its migrations to the list in
 * `migrations/index.ts`; nothing else in the store changes.
 *
 * Integers are `number` on both dialects (the pg pool parses int8 as a JS number, see database.ts);
 * byte strings are `Uint8Array` (better-sqlite3 and pg both return Buffers).
 */

/** One leaf of the transparency log: the entry bytes exactly as hashed, and the leaf hash. */
export interface LogEntriesTable {
  idx: number;
  leaf_hash: Uint8Array;
  data: Uint8Array;
  /** Optional public identifier of the case event this entry records (lookup → index and proof). */
  event_id: string | null;
}

/**
 * The hashes of tile level `level` ≥ 1 (C2SP tlog-tiles): entry `idx` is MTH of leaves
 * [idx·256^level, (idx+1)·256^level). Level 0 is `log_entries.leaf_hash`.
 */
export interface LogTileHashesTable {
  level: number;
  idx: number;
  hash: Uint8Array;
}

/** Every checkpoint the log signed (one per batch), and the same note with witness cosignatures. */
export interface LogCheckpointsTable {
  size: number;
  root_hash: Uint8Array;
  note: string;
  cosigned_note: string | null;
  created_at: number;
}

/** Log side of the witness protocol: the size each witness last cosigned (the `old` we send). */
export interface LogWitnessSizesTable {
  witness: string;
  size: number;
}

/** Witness side (c2sp.org/tlog-witness): the latest cosigned checkpoint per log origin. */
export interface WitnessCheckpointsTable {
  origin: string;
  size: number;
  root_hash: Uint8Array;
  note: string;
  updated_at: number;
}

export interface LogTables {
  log_entries: LogEntriesTable;
  log_tile_hashes: LogTileHashesTable;
  log_checkpoints: LogCheckpointsTable;
  log_witness_sizes: LogWitnessSizesTable;
}

export interface WitnessTables {
  witness_checkpoints: WitnessCheckpointsTable;
}

export interface DB extends LogTables, WitnessTables {}
