/**
 * Third-party audit of a tiled log, as any outsider can run it: fetch and verify the checkpoint,
 * fetch every entry bundle and tile, rebuild the tree from the entries, check every served tile
 * against the rebuilt hashes and the root against the signed checkpoint, and check that the tree
 * extends the one seen last time.
 *
 * Resumable: the state (size, root, the right-edge partial tiles) is saved after a successful audit;
 * the next audit starts from there and fetches only what is new. Because the saved right edge was
 * itself verified, rebuilding on top of it and matching the new signed root proves consistency.
 */

import { z } from "zod";
import { bytesEqual, decodeBase64Strict, encodeBase64 } from "../../core/log/bytes.ts";
import { openCheckpoint } from "../../core/log/checkpoint.ts";
import { isLogError } from "../../core/log/log-error.ts";
import { hashLeaf, rootAt } from "../../core/log/merkle.ts";
import { verifierFromVkey } from "../../core/log/note.ts";
import { decodeEntryBundle, TILE_WIDTH, tileWidthAt } from "../../core/log/tiles.ts";
import type { TileClient } from "./external/tile-client.ts";
import { LogServiceError } from "./log-service-error.ts";
import { RightEdge } from "./tile-hash-reader.ts";

export const AuditStateSchema = z.object({
  origin: z.string(),
  size: z.number().int().nonnegative(),
  rootHash: z.string(),
  checkpoint: z.string(),
  /** Base64 hashes of the partial tile of each level (index = level). */
  edge: z.array(z.array(z.string())),
});
export type AuditState = z.infer<typeof AuditStateSchema>;

export interface AuditResult {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: string;
  readonly previousSize: number;
  readonly entriesVerified: number;
  readonly tilesVerified: number;
  readonly state: AuditState;
}

export interface AuditOptions {
  readonly client: TileClient;
  readonly vkey: string;
  /** Expected origin; default: the key's name. */
  readonly origin?: string;
  readonly previous?: AuditState;
  readonly onProgress?: (done: number, total: number) => void;
  /** Tiles fetched in parallel. Default 8. */
  readonly concurrency?: number;
}

function fail(message: string): never {
  throw new LogServiceError("VERIFICATION_FAILED", message);
}

/** Audits the log behind `client`; throws VERIFICATION_FAILED (or FETCH_FAILED) with the reason. */
export async function auditLog(options: AuditOptions): Promise<AuditResult> {
  const verifier = verifierFromVkey(options.vkey);
  const origin = options.origin ?? verifier.name;
  const note = await options.client.checkpoint();
  const { checkpoint } = openCheckpointOrFail(note, verifier, origin);
  const previous = options.previous;
  if (previous !== undefined && previous.origin !== origin)
    fail(`state file is for ${previous.origin}, not ${origin}`);
  if (previous !== undefined && checkpoint.size < previous.size)
    fail(`log rolled back: size ${checkpoint.size} is below the previously verified ${previous.size}`);

  const edge = previous === undefined ? new RightEdge(0, []) : edgeFromState(previous);
  const startSize = edge.size;
  const size = checkpoint.size;
  // Upper-level tiles accumulate here as lower tiles complete; each is compared when full or at the end.
  const pending: Uint8Array[][] = [];
  for (let level = 1; level < edge.levels; level++) pending[level] = [...edge.partialTile(level)];
  let tilesVerified = 0;

  const checkUpperTile = async (level: number, index: number, hashes: readonly Uint8Array[]) => {
    const served = await options.client.tile(level, index, hashes.length);
    compareTile(served, hashes, `tile ${level}/${index}`);
    tilesVerified++;
  };

  const firstBundle = Math.floor(startSize / TILE_WIDTH);
  const lastBundle = Math.ceil(size / TILE_WIDTH);
  const concurrency = options.concurrency ?? 8;
  for (let window = firstBundle; window < lastBundle; window += concurrency) {
    const indexes = [];
    for (let i = window; i < Math.min(lastBundle, window + concurrency); i++) indexes.push(i);
    const fetched = await Promise.all(
      indexes.map(async (index) => {
        const width = tileWidthAt(0, index, size);
        const [bundle, tile] = await Promise.all([
          options.client.entryBundle(index, width),
          options.client.tile(0, index, width),
        ]);
        return { index, width, bundle, tile };
      }),
    );
    for (const { index, width, bundle, tile } of fetched) {
      let entries: Uint8Array[];
      try {
        entries = decodeEntryBundle(bundle);
      } catch (error) {
        fail(`entry bundle ${index}: ${isLogError(error) ? error.message : String(error)}`);
      }
      if (entries.length !== width)
        fail(`entry bundle ${index} has ${entries.length} entries, expected ${width}`);
      const leafHashes = entries.map((entry) => hashLeaf(entry));
      compareTile(tile, leafHashes, `tile 0/${index}`);
      tilesVerified++;
      for (let i = 0; i < width; i++) {
        const position = index * TILE_WIDTH + i;
        if (position < edge.size) {
          // Already verified last time: the served entry must be the one we saw (no rewriting history).
          const seen = edge.partialTile(0)[i];
          if (seen === undefined || !bytesEqual(seen, leafHashes[i]!))
            fail(`entry ${position} changed since the last audit`);
          continue;
        }
        for (const completed of edge.append(leafHashes[i]!)) {
          const row = pending[completed.level] ?? [];
          pending[completed.level] = row;
          row.push(completed.hash);
          if (row.length === TILE_WIDTH) {
            await checkUpperTile(completed.level, Math.floor(completed.index / TILE_WIDTH), row);
            pending[completed.level] = [];
          }
        }
      }
      options.onProgress?.(edge.size - startSize, size - startSize);
    }
  }
  if (edge.size !== size) fail(`rebuilt ${edge.size} entries, checkpoint says ${size}`);
  // Partial upper tiles that exist at this size (level 0's partial was checked with its bundle).
  for (let level = 1; level < pending.length; level++) {
    const row = pending[level] ?? [];
    if (row.length > 0) await checkUpperTile(level, Math.floor(size / TILE_WIDTH ** (level + 1)), row);
  }
  const root = rootAt(size, edge);
  if (!bytesEqual(root, checkpoint.rootHash)) fail("the entries do not rebuild the checkpoint's root hash");

  const state: AuditState = {
    origin,
    size,
    rootHash: encodeBase64(root),
    checkpoint: note,
    edge: Array.from({ length: edge.levels }, (_, level) => edge.partialTile(level).map(encodeBase64)),
  };
  return {
    origin,
    size,
    rootHash: state.rootHash,
    previousSize: previous?.size ?? 0,
    entriesVerified: size - startSize,
    tilesVerified,
    state,
  };
}

function openCheckpointOrFail(note: string, verifier: ReturnType<typeof verifierFromVkey>, origin: string) {
  try {
    return openCheckpoint(note, [verifier], origin);
  } catch (error) {
    if (isLogError(error)) fail(`checkpoint: ${error.code}: ${error.message}`);
    throw error;
  }
}

function compareTile(served: Uint8Array, expected: readonly Uint8Array[], what: string): void {
  if (served.length !== expected.length * 32)
    fail(`${what} has ${served.length} bytes, expected ${expected.length * 32}`);
  expected.forEach((hash, i) => {
    if (!bytesEqual(served.subarray(i * 32, (i + 1) * 32), hash))
      fail(`${what} hash ${i} does not match the entries`);
  });
}

function edgeFromState(state: AuditState): RightEdge {
  const tiles = state.edge.map((row) =>
    row.map((b64) => decodeBase64Strict(b64) ?? fail("state file holds a malformed hash")),
  );
  const expected = RightEdge.rangesFor(state.size);
  expected.forEach((range) => {
    if ((tiles[range.level]?.length ?? 0) !== range.count) fail("state file does not match its size");
  });
  const edge = new RightEdge(state.size, tiles);
  if (state.size > 0 && encodeBase64(rootAt(state.size, edge)) !== state.rootHash)
    fail("state file is corrupt");
  return edge;
}
