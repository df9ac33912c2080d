/**
 * Read side of the log: tiles, entry bundles, checkpoints, and the proofs a client cannot compute
 * from tiles without fetching many of them (inclusion by event id, consistency between two sizes).
 * Every proof is verified against the signed root before it is handed out (rekor-tiles#62).
 */
import { parseCheckpoint } from "../../core/log/checkpoint.ts";
import {
  hashLeaf,
  proveConsistency,
  proveInclusion,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from "../../core/log/merkle.ts";
import { splitNote } from "../../core/log/note.ts";
import { formatProofFile } from "../../core/log/proof-file.ts";
import { encodeEntryBundle, TILE_WIDTH, tileWidthAt } from "../../core/log/tiles.ts";
import { LogServiceError } from "./log-service-error.ts";
import type { LogStore, StoredCheckpoint } from "./log-store.ts";
import { withStoredNodes } from "./tile-hash-reader.ts";

export class LogReader {
  readonly store: LogStore;

  constructor(store: LogStore) {
    this.store = store;
  }

  async checkpoint(): Promise<StoredCheckpoint> {
    const checkpoint = await this.store.latestCheckpoint();
    if (checkpoint === undefined) throw new LogServiceError("NOT_FOUND", "the log has no checkpoint yet");
    return checkpoint;
  }

  /** The note to serve: cosigned when witnesses answered, else the log's own signature. */
  async checkpointNote(): Promise<string> {
    const checkpoint = await this.checkpoint();
    return checkpoint.cosignedNote ?? checkpoint.note;
  }

  /**
   * Tile (level, index) with `width` hashes (256 = full), or NOT_FOUND if the log at its current
   * size does not have it (beyond the tree, or a partial width that is not the tile's width now:
   * partial tiles of older checkpoints are recomputed from the full one, so they still exist).
   */
  async tile(level: number, index: number, width: number): Promise<Uint8Array> {
    const { size } = await this.checkpoint();
    const available = tileWidthAt(level, index, size);
    if (available === 0 || width > available)
      throw new LogServiceError("NOT_FOUND", `tile ${level}/${index} width ${width} is beyond size ${size}`);
    const hashes = await this.store.readTileHashes({ level, start: index * TILE_WIDTH, count: width });
    const joined = Buffer.concat(hashes);
    return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
  }

  async entryBundle(index: number, width: number): Promise<Uint8Array> {
    const { size } = await this.checkpoint();
    const available = tileWidthAt(0, index, size);
    if (available === 0 || width > available)
      throw new LogServiceError("NOT_FOUND", `entry bundle ${index} width ${width} is beyond size ${size}`);
    return encodeEntryBundle(await this.store.readEntries(index * TILE_WIDTH, width));
  }

  async indexOfEvent(eventId: string): Promise<number> {
    const index = await this.store.indexOfEvent(eventId);
    if (index === undefined) throw new LogServiceError("NOT_FOUND", `no entry for event ${eventId}`);
    return index;
  }

  /** c2sp.org/tlog-proof@v1 for entry `index` against the latest (cosigned) checkpoint. */
  async proofFile(index: number): Promise<{ index: number; size: number; proofFile: string }> {
    const checkpoint = await this.checkpoint();
    const note = checkpoint.cosignedNote ?? checkpoint.note;
    const size = parseCheckpoint(splitNote(note).text).size;
    if (!Number.isSafeInteger(index) || index < 0 || index >= size)
      throw new LogServiceError("NOT_FOUND", `entry ${index} is not in the log of size ${size}`);
    const read = this.store.readTileHashes.bind(this.store);
    const proof = await withStoredNodes(read, (reader) => proveInclusion(index, size, reader));
    const [entry] = await this.store.readEntries(index, 1);
    verifyInclusion(hashLeaf(entry!), index, size, proof, checkpoint.rootHash);
    return {
      index,
      size,
      proofFile: formatProofFile({ index, inclusionProof: proof, checkpointNote: note }),
    };
  }

  /** RFC 6962 consistency proof from size1 to size2 (both ≤ the latest checkpoint's size). */
  async consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    const { size } = await this.checkpoint();
    if (
      !(
        Number.isSafeInteger(size1) &&
        Number.isSafeInteger(size2) &&
        0 <= size1 &&
        size1 <= size2 &&
        size2 <= size
      )
    )
      throw new LogServiceError("BAD_REQUEST", `need 0 ≤ old ≤ new ≤ ${size}, got ${size1} and ${size2}`);
    if (size1 === 0 || size1 === size2) return [];
    const read = this.store.readTileHashes.bind(this.store);
    const proof = await withStoredNodes(read, (reader) => proveConsistency(size1, size2, reader));
    const [root1, root2] = await Promise.all([this.rootAt(size1), this.rootAt(size2)]);
    verifyConsistency(size1, size2, proof, root1, root2);
    return proof;
  }

  async rootAt(size: number): Promise<Uint8Array> {
    const stored = await this.store.checkpointAt(size);
    if (stored !== undefined) return stored.rootHash;
    return withStoredNodes(this.store.readTileHashes.bind(this.store), (reader) => rootAt(size, reader));
  }
}
