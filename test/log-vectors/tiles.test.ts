/** tile-paths.json and the Tessera-written log in tessera-testdata-log/ (read from disk). */
import { describe, expect, it } from "vitest";
import { openCheckpoint } from "../../src/core/log/checkpoint.ts";
import { LogError } from "../../src/core/log/log-error.ts";
import {
  hashLeaf,
  MemoryTree,
  proveInclusion,
  rootAt,
  rootFromLeafHashes,
  verifyInclusion,
} from "../../src/core/log/merkle.ts";
import { verifierFromVkey } from "../../src/core/log/note.ts";
import {
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundleFor,
  entryBundlePath,
  formatTileIndex,
  hashReaderFromTiles,
  parseTilePath,
  tileHashes,
  tilePath,
  tilesForSize,
  tilesNeeded,
} from "../../src/core/log/tiles.ts";
import { listVectorFiles, readVectorBytes, readVectorJson, readVectorText } from "./vectors.ts";

interface TilePaths {
  c2sp_entries_bundle_for_index: { index: number; tree_size: number; path: string }[];
  c2sp_entries_path: { N: number; width: number | null; path: string }[];
  c2sp_tile_path: { L: number; N: number; width: number | null; path: string }[];
  c2sp_parse_level_and_index: {
    level: string;
    index_path: string;
    want_level: number | null;
    want_N: number | null;
    want_width: number | null;
    want_error: boolean;
  }[];
  c2sp_spec_examples: {
    index_1234067_encodes_as: string;
    tree_size_70000_tiles: { full_level0_count: number; partials: { path: string }[]; full_level1: string[] };
    tree_size_256_tiles: string[];
  };
  xmod_sumdb_tile_paths: { path: string; N?: number; error?: boolean }[];
}

// Read the raw text too: want_N 999999999999999999 is above 2^53, so JSON.parse rounds it.
const rawTilePaths = readVectorText("tile-paths.json");
const paths = readVectorJson<TilePaths>("tile-paths.json");

describe("tile-paths.json", () => {
  it.each(paths.c2sp_entries_bundle_for_index)("entry $index at size $tree_size is in $path", (v) => {
    const { index, width } = entryBundleFor(v.index, v.tree_size);
    expect(entryBundlePath(index, width)).toBe(v.path);
  });

  it.each(paths.c2sp_entries_path)("entry bundle $N width $width is $path", (v) => {
    expect(entryBundlePath(v.N, v.width ?? undefined)).toBe(v.path);
    const parsed = parseTilePath(v.path);
    expect(parsed).toMatchObject({ kind: "entries", index: v.N, width: v.width ?? 256 });
  });

  it.each(paths.c2sp_tile_path)("tile $L/$N width $width is $path", (v) => {
    expect(tilePath(v.L, v.N, v.width ?? undefined)).toBe(v.path);
    expect(parseTilePath(v.path)).toMatchObject({
      kind: "hash",
      level: v.L,
      index: v.N,
      width: v.width ?? 256,
    });
  });

  it("the parser table has 19 rows", () => {
    expect(paths.c2sp_parse_level_and_index).toHaveLength(19);
    expect(rawTilePaths).toContain('"want_N": 999999999999999999');
  });

  it.each(paths.c2sp_parse_level_and_index)("parse tile/$level/$index_path (error: $want_error)", (v) => {
    const path = `tile/${v.level}/${v.index_path}`;
    if (v.want_error) {
      expect(() => parseTilePath(path)).toThrow(LogError);
      try {
        parseTilePath(path);
      } catch (error) {
        expect((error as LogError).code).toBe("MALFORMED_PATH");
      }
      return;
    }
    const parsed = parseTilePath(path);
    expect(parsed.kind).toBe("hash");
    if (parsed.kind !== "hash") return;
    expect(parsed.level).toBe(v.want_level);
    expect(parsed.width).toBe(v.want_width ?? 256);
    const exactN = BigInt(v.index_path.replace(/\.p\/.*$/, "").replace(/[x/]/g, ""));
    expect(parsed.exactIndex).toBe(exactN);
    expect(parsed.index).toBe(v.want_N);
    expect(formatTileIndex(parsed.exactIndex)).toBe(v.index_path.replace(/\.p\/.*$/, ""));
  });

  it("spec examples: 1234067, and the tiles of sizes 70,000 and 256", () => {
    const ex = paths.c2sp_spec_examples;
    expect(formatTileIndex(1234067)).toBe(ex.index_1234067_encodes_as);
    const tiles70k = tilesForSize(70_000);
    const full = tiles70k.filter((t) => t.width === 256);
    expect(full.filter((t) => t.level === 0)).toHaveLength(ex.tree_size_70000_tiles.full_level0_count);
    expect(full.filter((t) => t.level === 1).map((t) => tilePath(t.level, t.index))).toEqual(
      ex.tree_size_70000_tiles.full_level1,
    );
    expect(tiles70k.filter((t) => t.width < 256).map((t) => tilePath(t.level, t.index, t.width))).toEqual(
      ex.tree_size_70000_tiles.partials.map((p) => p.path),
    );
    expect(tilesForSize(256).map((t) => tilePath(t.level, t.index, t.width))).toEqual(ex.tree_size_256_tiles);
  });

  it.each(paths.xmod_sumdb_tile_paths.filter((v) => !v.error))(
    "x/mod path $path shares the N encoding",
    (v) => {
      const n = v.path
        .split("/")
        .slice(3)
        .join("/")
        .replace(/\.p\/.*$/, "");
      expect(formatTileIndex(v.N!)).toBe(n);
    },
  );
});

describe("tessera-testdata-log: a real tlog-tiles log written by Tessera", () => {
  const origin = "example.com/log/testdata";
  const verifier = verifierFromVkey(
    "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx",
  );
  const words = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eit",
    "nain",
    "ten",
    "ileven",
    "twelf",
  ];
  words.push("threeten", "fourten", "fivten");

  it("holds 16 checkpoints, 15 level-0 tiles and 15 entry bundles", () => {
    const files = listVectorFiles("tessera-testdata-log");
    expect(files.filter((f) => /checkpoint\.\d+$/.test(f))).toHaveLength(16);
    expect(files.filter((f) => f.includes("/tile/0/"))).toHaveLength(15);
    expect(files.filter((f) => f.includes("/tile/entries/"))).toHaveLength(15);
  });

  it.each(Array.from({ length: 16 }, (_, size) => size))(
    "checkpoint.%i: signature verifies; tiles and entry bundle reproduce its root",
    (size) => {
      const { checkpoint } = openCheckpoint(
        readVectorText(`tessera-testdata-log/checkpoint.${size}`),
        [verifier],
        origin,
      );
      expect(checkpoint.size).toBe(size);
      if (size === 0) {
        expect(rootFromLeafHashes([])).toEqual(checkpoint.rootHash);
        return;
      }
      const tile = readVectorBytes(`tessera-testdata-log/${tilePath(0, 0, size)}`);
      const bundle = readVectorBytes(`tessera-testdata-log/${entryBundlePath(0, size)}`);
      const entries = decodeEntryBundle(bundle);
      expect(entries.map((e) => new TextDecoder().decode(e))).toEqual(words.slice(0, size));
      expect(encodeEntryBundle(entries)).toEqual(bundle);
      // Entry i hashes to hash i of the level-0 tile.
      const leafHashes = entries.map(hashLeaf);
      for (const [i, h] of leafHashes.entries()) {
        expect(tile.subarray(i * 32, (i + 1) * 32)).toEqual(h);
      }
      expect(rootFromLeafHashes(leafHashes)).toEqual(checkpoint.rootHash);
      // A third-party auditor: authenticate the tile against the checkpoint, then prove every entry.
      const reader = hashReaderFromTiles(checkpoint, [{ level: 0, index: 0, hashes: tile }]);
      expect(rootAt(size, reader)).toEqual(checkpoint.rootHash);
      for (let i = 0; i < size; i++) {
        // A 1-leaf tree has the empty audit path: no tile is needed.
        const needed = size === 1 ? [] : [{ level: 0, index: 0, width: size }];
        expect(tilesNeeded(size, (r) => proveInclusion(i, size, r))).toEqual(needed);
        verifyInclusion(leafHashes[i]!, i, size, proveInclusion(i, size, reader), checkpoint.rootHash);
      }
      // We serve the same bytes Tessera does.
      const tree = new MemoryTree();
      for (const h of leafHashes) tree.append(h);
      expect(tileHashes(0, 0, size, tree)).toEqual(tile);
    },
  );

  it("the current checkpoint equals checkpoint.15", () => {
    expect(readVectorText("tessera-testdata-log/checkpoint")).toBe(
      readVectorText("tessera-testdata-log/checkpoint.15"),
    );
  });

  it("a tile with one flipped bit is refused by the tile reader", () => {
    const { checkpoint } = openCheckpoint(
      readVectorText("tessera-testdata-log/checkpoint.15"),
      [verifier],
      origin,
    );
    const tile = readVectorBytes(`tessera-testdata-log/${tilePath(0, 0, 15)}`).slice();
    tile[100]! ^= 1;
    expect(() => hashReaderFromTiles(checkpoint, [{ level: 0, index: 0, hashes: tile }])).toThrow(
      expect.objectContaining({ code: "TILE_MISMATCH" }),
    );
    expect(() =>
      hashReaderFromTiles(checkpoint, [{ level: 0, index: 0, hashes: tile.subarray(0, 33) }]),
    ).toThrow(expect.objectContaining({ code: "MALFORMED_TILE" }));
  });
});
