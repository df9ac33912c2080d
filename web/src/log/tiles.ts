/**
 * c2sp.org/tlog-tiles for the browser: tile and entry-bundle paths, entry bundles, and a hash reader
 * that fetches tiles. Ported from src/core/log/tiles.ts (tile height 8, width 256). Tiles come from the
 * network and are untrusted: wrong lengths are MALFORMED_TILE; their content is checked by the proof
 * that uses them, which must lead to the checkpoint's root hash.
 */
import { LogVerifyError } from "./log-verify-error.ts";
import { type AsyncHashReader, HASH_SIZE, hashChildren } from "./merkle.ts";

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/** N as zero-padded 3-digit elements, all but the last prefixed with "x": 1234067 → "x001/x234/067". */
export function formatTileIndex(n: number): string {
  let digits = String(n);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, "0");
  const elements: string[] = [];
  for (let i = 0; i < digits.length; i += 3) elements.push(digits.slice(i, i + 3));
  return elements.map((e, i) => (i < elements.length - 1 ? `x${e}` : e)).join("/");
}

const widthSuffix = (width: number): string => (width < TILE_WIDTH ? `.p/${width}` : "");

export function tilePath(level: number, index: number, width: number): string {
  return `tile/${level}/${formatTileIndex(index)}${widthSuffix(width)}`;
}

export function entryBundlePath(index: number, width: number): string {
  return `tile/entries/${formatTileIndex(index)}${widthSuffix(width)}`;
}

/** Width of tile (level, index) in a tree of `size`: 256 full, 1..255 partial, 0 absent. */
export function tileWidthAt(level: number, index: number, size: number): number {
  const hashesAtLevel = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, hashesAtLevel - index * TILE_WIDTH));
}

/** Entry bundle (untrusted bytes): each entry as uint16 big-endian length ‖ bytes. */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 2 > bytes.length)
      throw new LogVerifyError("MALFORMED_ENTRY_BUNDLE", `truncated length prefix at byte ${offset}`);
    const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
    offset += 2;
    if (offset + length > bytes.length)
      throw new LogVerifyError(
        "MALFORMED_ENTRY_BUNDLE",
        `entry ${entries.length} runs past the bundle's end`,
      );
    entries.push(bytes.slice(offset, offset + length));
    offset += length;
    if (entries.length > TILE_WIDTH)
      throw new LogVerifyError("MALFORMED_ENTRY_BUNDLE", "a bundle holds at most 256 entries");
  }
  return entries;
}

/** Fetches `path` (relative to the log's base URL) as bytes; undefined when the log answers 404. */
export type FetchTile = (path: string) => Promise<Uint8Array | undefined>;

/**
 * Fetches `tile/…` or `tile/entries/…` of width `width`. A partial tile may be gone once the log has
 * grown; tlog-tiles then lets a client use the full tile and keep its first `width` hashes.
 */
async function fetchTileOrFull(fetchTile: FetchTile, partial: string, full: string, width: number) {
  const bytes = (await fetchTile(partial)) ?? (width < TILE_WIDTH ? await fetchTile(full) : undefined);
  if (bytes === undefined) throw new LogVerifyError("FETCH_FAILED", `the log has no ${partial}`);
  return bytes;
}

/** The entry at `index` in a tree of `size`: fetches its entry bundle. */
export async function fetchEntry(fetchTile: FetchTile, index: number, size: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size)
    throw new LogVerifyError("INDEX_OUT_OF_RANGE", `entry ${index} is not below the tree size ${size}`);
  const bundle = Math.floor(index / TILE_WIDTH);
  const width = tileWidthAt(0, bundle, size);
  const bytes = await fetchTileOrFull(
    fetchTile,
    entryBundlePath(bundle, width),
    entryBundlePath(bundle, TILE_WIDTH),
    width,
  );
  const entry = decodeEntryBundle(bytes)[index % TILE_WIDTH];
  if (entry === undefined)
    throw new LogVerifyError("MALFORMED_ENTRY_BUNDLE", `entry bundle ${bundle} lacks entry ${index}`);
  return entry;
}

/**
 * A hash reader over the log's tiles at `size`: a node of height h is 2^(h mod 8) hashes of the tile at
 * level ⌊h/8⌋, hashed pairwise. Each tile is fetched once. `onTile` reports every tile path fetched.
 */
export function tileHashReader(
  fetchTile: FetchTile,
  size: number,
  onTile?: (path: string) => void,
): AsyncHashReader {
  const tiles = new Map<string, Promise<Uint8Array>>();
  const loadTile = (level: number, index: number): Promise<Uint8Array> => {
    const key = `${level}/${index}`;
    let tile = tiles.get(key);
    if (tile === undefined) {
      const width = tileWidthAt(level, index, size);
      const path = tilePath(level, index, width);
      tile = fetchTileOrFull(fetchTile, path, tilePath(level, index, TILE_WIDTH), width).then((bytes) => {
        onTile?.(path);
        if (
          bytes.length % HASH_SIZE !== 0 ||
          bytes.length < width * HASH_SIZE ||
          bytes.length > TILE_WIDTH * HASH_SIZE
        )
          throw new LogVerifyError(
            "MALFORMED_TILE",
            `${path} has ${bytes.length} bytes, expected ${width} hashes`,
          );
        return bytes.subarray(0, width * HASH_SIZE);
      });
      tiles.set(key, tile);
    }
    return tile;
  };
  return {
    async nodeHash(height, k) {
      const level = Math.floor(height / TILE_HEIGHT);
      const count = 2 ** (height % TILE_HEIGHT);
      const first = k * count;
      const tile = await loadTile(level, Math.floor(first / TILE_WIDTH));
      const offset = first % TILE_WIDTH;
      if ((offset + count) * HASH_SIZE > tile.length)
        throw new LogVerifyError("MALFORMED_TILE", `node ${height}/${k} is not in the tile the log served`);
      let row: Uint8Array[] = [];
      for (let i = offset; i < offset + count; i++)
        row.push(tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      while (row.length > 1) {
        const next: Uint8Array[] = [];
        for (let i = 0; i < row.length; i += 2) next.push(await hashChildren(row[i]!, row[i + 1]!));
        row = next;
      }
      return row[0]!;
    },
  };
}
