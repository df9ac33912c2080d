/**
 * Merkle nodes from tile hashes (C2SP tlog-tiles, "Building proofs from tiles"): a node at height h
 * and index k lives at tile level l = ⌊h/8⌋; it is the MTH of the 2^(h mod 8) aligned tile-level-l
 * hashes starting at k·2^(h mod 8). Stored hashes exist only at heights 0, 8, 16, …; everything
 * in between is recomputed here.
 *
 * The core's proof functions take a synchronous HashReader, the store is asynchronous: so a proof
 * is computed twice, once against a recorder that notes which nodes it needs, then against those
 * nodes fetched from the store (`withStoredNodes`).
 */
import { type HashReader, MerkleAccumulator, rootFromLeafHashes } from "../../core/log/merkle.ts";
import { TILE_HEIGHT } from "../../core/log/tiles.ts";

/** A run of consecutive hashes at one tile level (level 0 = leaf hashes). */
export interface TileHashRange {
  readonly level: number;
  readonly start: number;
  readonly count: number;
}

/** Which tile-level hashes node (height, index) is computed from. */
export function tileRangeOfNode(height: number, index: number): TileHashRange {
  const level = Math.floor(height / TILE_HEIGHT);
  const span = 2 ** (height % TILE_HEIGHT);
  return { level, start: index * span, count: span };
}

/** The MTH of one node from its tile-level hashes (a power-of-two count, so a perfect subtree). */
export function nodeFromTileHashes(hashes: readonly Uint8Array[]): Uint8Array {
  return hashes.length === 1 ? hashes[0]! : rootFromLeafHashes(hashes);
}

/** A reader that only records what is asked for, answering with zeros (proof shape is data-independent). */
class RecordingReader implements HashReader {
  readonly requested: Array<readonly [number, number]> = [];
  nodeHash(level: number, index: number): Uint8Array {
    this.requested.push([level, index]);
    return new Uint8Array(32);
  }
}

class MapReader implements HashReader {
  readonly #nodes: ReadonlyMap<string, Uint8Array>;
  constructor(nodes: ReadonlyMap<string, Uint8Array>) {
    this.#nodes = nodes;
  }
  nodeHash(level: number, index: number): Uint8Array {
    const hash = this.#nodes.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`node ${level}/${index} was not prefetched`);
    return hash;
  }
}

/** Source of stored tile-level hashes; returns exactly `count` hashes or throws. */
export type ReadTileHashes = (range: TileHashRange) => Promise<Uint8Array[]>;

/** Runs `compute` (a pure core function over a HashReader) against nodes fetched from the store. */
export async function withStoredNodes<T>(
  readTileHashes: ReadTileHashes,
  compute: (reader: HashReader) => T,
): Promise<T> {
  const recorder = new RecordingReader();
  compute(recorder);
  const nodes = new Map<string, Uint8Array>();
  for (const [height, index] of recorder.requested) {
    const key = `${height}/${index}`;
    if (nodes.has(key)) continue;
    nodes.set(key, nodeFromTileHashes(await readTileHashes(tileRangeOfNode(height, index))));
  }
  return compute(new MapReader(nodes));
}

/**
 * The right edge of a tree in memory: for every tile level, the hashes of its rightmost, partial
 * tile (⌊size/256^l⌋ mod 256 of them). Enough to compute the root and every new full tile as leaves
 * are appended; the sequencer keeps one and persists what it produces.
 */
export class RightEdge implements HashReader {
  #size: number;
  readonly #tiles: Uint8Array[][];
  /** The perfect-subtree roots of the tree, so that its root costs O(log n) hashes, not a tile's. */
  readonly #accumulator: MerkleAccumulator;

  constructor(size: number, tiles: Uint8Array[][], accumulator?: MerkleAccumulator) {
    this.#size = size;
    this.#tiles = tiles;
    this.#accumulator = accumulator ?? new MerkleAccumulator(size, this.#frontier());
  }

  /** MTH of the tree (RFC 6962 §2.1). */
  root(): Uint8Array {
    return this.#accumulator.root();
  }

  /** The roots of the complete subtrees that make up the tree, largest first, read off the tiles. */
  #frontier(): Uint8Array[] {
    const frontier: Uint8Array[] = [];
    let start = 0;
    for (let height = 52; height >= 0; height--) {
      const width = 2 ** height;
      if (this.#size - start >= width) {
        frontier.push(this.nodeHash(height, start / width));
        start += width;
      }
    }
    return frontier;
  }

  /** The partial-tile ranges to load from the store to resume at `size`. */
  static rangesFor(size: number): TileHashRange[] {
    const ranges: TileHashRange[] = [];
    for (let level = 0, span = 1; span <= size; level++, span *= 256) {
      const count = Math.floor(size / span) % 256;
      const start = Math.floor(size / (span * 256)) * 256;
      ranges.push({ level, start, count });
    }
    return ranges;
  }

  get size(): number {
    return this.#size;
  }

  /** The hashes of the rightmost (partial) tile of `level`, to persist and resume from. */
  partialTile(level: number): readonly Uint8Array[] {
    return this.#tiles[level] ?? [];
  }

  /** Number of tile levels that hold a partial tile or ever did. */
  get levels(): number {
    return this.#tiles.length;
  }

  clone(): RightEdge {
    return new RightEdge(
      this.#size,
      this.#tiles.map((t) => [...t]),
      new MerkleAccumulator(this.#accumulator.size, this.#accumulator.frontier),
    );
  }

  /**
   * Appends a leaf hash; returns the tile-level hashes (level ≥ 1) that became final, i.e. the
   * roots of tiles that just filled up, to be stored.
   */
  append(leafHash: Uint8Array): Array<{ level: number; index: number; hash: Uint8Array }> {
    const completed: Array<{ level: number; index: number; hash: Uint8Array }> = [];
    this.#accumulator.append(leafHash);
    this.#size += 1;
    let hash = leafHash;
    for (let level = 0; ; level++) {
      const tile = this.#tiles[level] ?? [];
      this.#tiles[level] = tile;
      tile.push(hash);
      if (tile.length < 256) break;
      hash = rootFromLeafHashes(tile);
      this.#tiles[level] = [];
      const index = this.#size / 256 ** (level + 1) - 1;
      completed.push({ level: level + 1, index, hash });
    }
    return completed;
  }

  nodeHash(height: number, index: number): Uint8Array {
    const { level, start, count } = tileRangeOfNode(height, index);
    const tile = this.#tiles[level] ?? [];
    const tileStart = Math.floor(this.#size / 256 ** (level + 1)) * 256;
    const offset = start - tileStart;
    if (offset < 0 || offset + count > tile.length)
      throw new Error(`node ${height}/${index} is not on the right edge of a tree of size ${this.#size}`);
    return nodeFromTileHashes(tile.slice(offset, offset + count));
  }
}
