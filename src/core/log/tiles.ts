/**
 * c2sp.org/tlog-tiles: tile and entry-bundle paths, entry bundles, and hash readers over tiles.
 * Tile height is 8: a tile at level L, index N holds up to 256 hashes of Merkle height 8·L,
 * indexes N·256 … N·256+255.
 */
import { bytesEqual } from "./bytes.ts";
import { LogError } from "./log-error.ts";
import { HASH_SIZE, type HashReader, hashChildren, rootAt } from "./merkle.ts";

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
/** Largest entry an entry bundle can hold (uint16 length prefix). */
export const MAX_ENTRY_SIZE = 65_535;
const MAX_UINT64 = 2n ** 64n - 1n;

/** One tile of hashes (level ≥ 0) as served: `tile/<L>/<N>[.p/<W>]`. */
export interface TileCoordinates {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** Encodes N as zero-padded 3-digit elements, all but the last prefixed with "x": 1234067 → "x001/x234/067". */
export function formatTileIndex(n: number | bigint): string {
  const value = typeof n === "bigint" ? n : BigInt(requireIndex("tile index", n));
  if (value < 0n || value > MAX_UINT64)
    throw new LogError("INVALID_ARGUMENT", `tile index ${n} out of range`);
  let digits = value.toString();
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, "0");
  const elements: string[] = [];
  for (let i = 0; i < digits.length; i += 3) elements.push(digits.slice(i, i + 3));
  return elements.map((element, i) => (i < elements.length - 1 ? `x${element}` : element)).join("/");
}

function requireIndex(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new LogError("INVALID_ARGUMENT", `${name} must be a non-negative safe integer, got ${value}`);
  return value;
}

function requireWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)
    throw new LogError("INVALID_ARGUMENT", `tile width must be 1..256, got ${width}`);
}

function widthSuffix(width: number): string {
  requireWidth(width);
  return width < TILE_WIDTH ? `.p/${width}` : "";
}

/** `tile/<L>/<N>` for a full tile, `tile/<L>/<N>.p/<W>` when width < 256. */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  if (!Number.isInteger(level) || level < 0 || level > 63)
    throw new LogError("INVALID_ARGUMENT", `tile level must be 0..63, got ${level}`);
  return `tile/${level}/${formatTileIndex(index)}${widthSuffix(width)}`;
}

/** `tile/entries/<N>[.p/<W>]`. */
export function entryBundlePath(index: number, width: number = TILE_WIDTH): string {
  return `tile/entries/${formatTileIndex(index)}${widthSuffix(width)}`;
}

/** The entry bundle holding entry `entryIndex` in a tree of `treeSize` entries (full if complete there). */
export function entryBundleFor(entryIndex: number, treeSize: number): { index: number; width: number } {
  requireIndex("entry index", entryIndex);
  requireIndex("tree size", treeSize);
  if (entryIndex >= treeSize)
    throw new LogError("INDEX_OUT_OF_RANGE", `entry ${entryIndex} is not below tree size ${treeSize}`);
  const index = Math.floor(entryIndex / TILE_WIDTH);
  const width = Math.min(TILE_WIDTH, treeSize - index * TILE_WIDTH);
  return { index, width };
}

export type ParsedTilePath =
  | { kind: "hash"; level: number; index: number; width: number; exactIndex: bigint }
  | { kind: "entries"; index: number; width: number; exactIndex: bigint };

const INDEX_ELEMENT = /^x[0-9]{3}$/;
const LAST_ELEMENT = /^[0-9]{3}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

function malformedPath(path: string, why: string): never {
  throw new LogError("MALFORMED_PATH", `tile path ${JSON.stringify(path)}: ${why}`);
}

/**
 * Parses a tile or entry-bundle path (untrusted: it comes from a URL). Width 256 means full.
 * `index` is exact only below 2^53; `exactIndex` is exact up to 2^64−1. Throws MALFORMED_PATH.
 */
export function parseTilePath(path: string): ParsedTilePath {
  const parts = path.split("/");
  if (parts.length < 3 || parts[0] !== "tile")
    malformedPath(path, "expected tile/<L>/<N> or tile/entries/<N>");
  const levelText = parts[1]!;
  const elements = parts.slice(2);
  let width = TILE_WIDTH;
  // A partial tile ends in ".p/<W>": the last element is W, the one before ends in ".p".
  const beforeLast = elements[elements.length - 2];
  if (beforeLast?.endsWith(".p")) {
    const widthText = elements.pop()!;
    elements[elements.length - 1] = beforeLast.slice(0, -2);
    if (!DECIMAL.test(widthText)) malformedPath(path, "width is not a decimal number");
    width = Number(widthText);
    if (width < 1 || width > 255) malformedPath(path, "partial width must be 1..255");
  }
  if (elements.length === 0 || elements.length > 7) malformedPath(path, "bad number of index elements");
  let exactIndex = 0n;
  elements.forEach((element, i) => {
    const isLast = i === elements.length - 1;
    if (!(isLast ? LAST_ELEMENT : INDEX_ELEMENT).test(element))
      malformedPath(path, `index element ${JSON.stringify(element)} is not ${isLast ? "NNN" : "xNNN"}`);
    exactIndex = exactIndex * 1000n + BigInt(isLast ? element : element.slice(1));
  });
  if (exactIndex > MAX_UINT64) malformedPath(path, "index exceeds 2^64-1");
  const index = Number(exactIndex);
  if (levelText === "entries") return { kind: "entries", index, width, exactIndex };
  if (!DECIMAL.test(levelText)) malformedPath(path, "level is not a decimal number");
  const level = Number(levelText);
  if (level > 63) malformedPath(path, "level must be 0..63");
  return { kind: "hash", level, index, width, exactIndex };
}

/** Entry bundle encoding: each entry as uint16 big-endian length ‖ bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH)
    throw new LogError("INVALID_ARGUMENT", "a bundle holds at most 256 entries");
  let length = 0;
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_SIZE)
      throw new LogError("INVALID_ARGUMENT", `entry of ${entry.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    length += 2 + entry.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const entry of entries) {
    out[offset] = entry.length >> 8;
    out[offset + 1] = entry.length & 0xff;
    out.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return out;
}

/** Decodes an entry bundle (untrusted bytes). Throws MALFORMED_ENTRY_BUNDLE. */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 2 > bytes.length)
      throw new LogError("MALFORMED_ENTRY_BUNDLE", `truncated length prefix at byte ${offset}`);
    const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
    offset += 2;
    if (offset + length > bytes.length)
      throw new LogError("MALFORMED_ENTRY_BUNDLE", `entry ${entries.length} runs past the end of the bundle`);
    entries.push(bytes.slice(offset, offset + length));
    offset += length;
    if (entries.length > TILE_WIDTH)
      throw new LogError("MALFORMED_ENTRY_BUNDLE", "bundle holds more than 256 entries");
  }
  return entries;
}

/** The bytes of tile (level, index) with `width` hashes: concatenated 32-byte hashes as served. */
export function tileHashes(level: number, index: number, width: number, reader: HashReader): Uint8Array {
  requireWidth(width);
  requireIndex("tile index", index);
  const out = new Uint8Array(width * HASH_SIZE);
  for (let i = 0; i < width; i++) {
    out.set(reader.nodeHash(level * TILE_HEIGHT, index * TILE_WIDTH + i), i * HASH_SIZE);
  }
  return out;
}

/** Number of hashes in the rightmost tile of `level` for a tree of `size` (0 if that tile is empty). */
export function partialTileWidth(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH;
}

/** Width the tile (level, index) has in a tree of `size`: 256 when full, 1..255 when partial, 0 when absent. */
export function tileWidthAt(level: number, index: number, size: number): number {
  const hashesAtLevel = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, hashesAtLevel - index * TILE_WIDTH));
}

function tileKey(level: number, index: number): string {
  return `${level}/${index}`;
}

/**
 * Runs `compute` against a reader that records which complete nodes it asks for, and returns the
 * tiles (with their width at `size`) that hold them. A client calls this, fetches those tiles, then
 * builds `hashReaderFromTiles`. Example: `tilesNeeded(size, (r) => proveInclusion(i, size, r))`.
 */
export function tilesNeeded(size: number, compute: (reader: HashReader) => unknown): TileCoordinates[] {
  const seen = new Map<string, TileCoordinates>();
  const zero = new Uint8Array(HASH_SIZE);
  compute({
    nodeHash(height, k) {
      const level = Math.floor(height / TILE_HEIGHT);
      const first = k * 2 ** (height % TILE_HEIGHT);
      const index = Math.floor(first / TILE_WIDTH);
      const key = tileKey(level, index);
      if (!seen.has(key)) seen.set(key, { level, index, width: tileWidthAt(level, index, size) });
      return zero;
    },
  });
  return [...seen.values()];
}

/** A tile fetched from a (possibly hostile) log. */
export interface FetchedTile {
  readonly level: number;
  readonly index: number;
  /** Concatenated 32-byte hashes; a full tile may stand in for a partial one (the spec allows the fallback). */
  readonly hashes: Uint8Array;
}

/**
 * A HashReader over fetched tiles, for third-party audit. Every tile is authenticated before use
 * (tlog-tiles "Building proofs from tiles"): the tiles on the right edge by recomputing the root of
 * `size` and comparing it with the checkpoint's `rootHash`, every other tile by comparing its hash
 * with its entry in the authenticated tile above. Throws MALFORMED_TILE for wrong lengths,
 * TILE_MISMATCH when a tile or the root does not match; reading a node whose tile was not given or
 * could not be authenticated throws TILE_MISMATCH too.
 */
export function hashReaderFromTiles(
  checkpoint: { readonly size: number; readonly rootHash: Uint8Array },
  tiles: readonly FetchedTile[],
): HashReader {
  const { size } = checkpoint;
  requireIndex("tree size", size);
  const byKey = new Map<string, Uint8Array>();
  for (const tile of tiles) {
    const width = tileWidthAt(tile.level, tile.index, size);
    if (width === 0)
      throw new LogError("MALFORMED_TILE", `tile ${tile.level}/${tile.index} is beyond size ${size}`);
    const length = tile.hashes.length;
    if (length % HASH_SIZE !== 0 || length / HASH_SIZE < width || length / HASH_SIZE > TILE_WIDTH)
      throw new LogError(
        "MALFORMED_TILE",
        `tile ${tile.level}/${tile.index} has ${length} bytes, expected ${width} hashes`,
      );
    const key = tileKey(tile.level, tile.index);
    const truncated = tile.hashes.subarray(0, width * HASH_SIZE);
    const previous = byKey.get(key);
    if (previous !== undefined && !bytesEqual(previous, truncated))
      throw new LogError("TILE_MISMATCH", `two different copies of tile ${key}`);
    byKey.set(key, truncated);
  }

  const hashInTile = (tileBytes: Uint8Array, offset: number, count: number): Uint8Array => {
    let row: Uint8Array[] = [];
    for (let i = 0; i < count; i++)
      row.push(tileBytes.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
    while (row.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < row.length; i += 2) next.push(hashChildren(row[i]!, row[i + 1]!));
      row = next;
    }
    return row[0]!;
  };

  const makeReader = (allowed: (key: string) => boolean, used?: Set<string>): HashReader => ({
    nodeHash(height, k) {
      const level = Math.floor(height / TILE_HEIGHT);
      const count = 2 ** (height % TILE_HEIGHT);
      const first = k * count;
      const index = Math.floor(first / TILE_WIDTH);
      const key = tileKey(level, index);
      const bytes = byKey.get(key);
      if (bytes === undefined || !allowed(key))
        throw new LogError("TILE_MISMATCH", `tile ${key} is missing or not authenticated`);
      const offset = first % TILE_WIDTH;
      if ((offset + count) * HASH_SIZE > bytes.length)
        throw new LogError("INDEX_OUT_OF_RANGE", `node ${height}/${k} is not complete at size ${size}`);
      used?.add(key);
      return hashInTile(bytes, offset, count);
    },
  });

  // 1. Right edge: the tiles read while recomputing the root are authenticated by the checkpoint.
  const authenticated = new Set<string>();
  if (size > 0) {
    const root = rootAt(
      size,
      makeReader(() => true, authenticated),
    );
    if (!bytesEqual(root, checkpoint.rootHash))
      throw new LogError("TILE_MISMATCH", "tiles do not reproduce the checkpoint root hash");
  }
  // 2. Top-down: a full tile is authenticated by its entry in the authenticated tile above it.
  const levels = [...new Set(tiles.map((t) => t.level))].sort((a, b) => b - a);
  for (const level of levels) {
    for (const tile of tiles) {
      const key = tileKey(tile.level, tile.index);
      if (tile.level !== level || authenticated.has(key)) continue;
      if (tileWidthAt(level, tile.index, size) !== TILE_WIDTH) continue;
      const parentKey = tileKey(level + 1, Math.floor(tile.index / TILE_WIDTH));
      const parent = byKey.get(parentKey);
      if (parent === undefined || !authenticated.has(parentKey)) continue;
      const slot = tile.index % TILE_WIDTH;
      const expected = parent.subarray(slot * HASH_SIZE, (slot + 1) * HASH_SIZE);
      if (expected.length !== HASH_SIZE) continue;
      if (!bytesEqual(hashInTile(byKey.get(key)!, 0, TILE_WIDTH), expected))
        throw new LogError("TILE_MISMATCH", `tile ${key} does not match its entry in tile ${parentKey}`);
      authenticated.add(key);
    }
  }
  return makeReader((key) => authenticated.has(key));
}

/** Every tile (coordinates and width) a log of `size` entries serves, excluding entry bundles. */
export function tilesForSize(size: number): TileCoordinates[] {
  requireIndex("tree size", size);
  const out: TileCoordinates[] = [];
  for (let level = 0; TILE_WIDTH ** level <= size; level++) {
    const hashes = Math.floor(size / TILE_WIDTH ** level);
    for (let index = 0; index * TILE_WIDTH < hashes; index++)
      out.push({ level, index, width: Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH) });
  }
  return out;
}
