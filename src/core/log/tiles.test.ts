import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LogError } from "./log-error.ts";
import {
  hashLeaf,
  MemoryTree,
  proveConsistency,
  proveInclusion,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.ts";
import {
  decodeEntryBundle,
  encodeEntryBundle,
  type FetchedTile,
  hashReaderFromTiles,
  parseTilePath,
  tileHashes,
  tilePath,
  tilesForSize,
  tilesNeeded,
} from "./tiles.ts";

const SIZE = 70_000;
const tree = new MemoryTree();
for (let i = 0; i < SIZE; i++) tree.append(hashLeaf(new TextEncoder().encode(`e${i}`)));

/** What a log of `size` serves, as a client would fetch it. */
function serve(size: number): Map<string, FetchedTile> {
  const tiles = new Map<string, FetchedTile>();
  for (const t of tilesForSize(size))
    tiles.set(`${t.level}/${t.index}`, {
      level: t.level,
      index: t.index,
      hashes: tileHashes(t.level, t.index, t.width, tree),
    });
  return tiles;
}

function codeOf(run: () => unknown): string {
  try {
    run();
    return "none";
  } catch (error) {
    return error instanceof LogError ? error.code : `other: ${String(error)}`;
  }
}

describe("tlog-tiles: a third-party auditor reading tiles", () => {
  it("proves inclusion and consistency from only the tiles it needs, at sizes spanning 3 tile levels", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: SIZE })
          .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))),
        ([size, index]) => {
          const root = rootAt(size, tree);
          const served = serve(size);
          const needed = [
            ...tilesNeeded(size, (r) => rootAt(size, r)),
            ...tilesNeeded(size, (r) => proveInclusion(index, size, r)),
          ];
          const fetched = needed.map((t) => served.get(`${t.level}/${t.index}`)!);
          // Full tiles need their parent to be authenticated: fetch the ancestors too.
          for (const t of needed) {
            for (
              let level = t.level + 1, index2 = Math.floor(t.index / 256);
              level < 3;
              level++, index2 = Math.floor(index2 / 256)
            ) {
              const parent = served.get(`${level}/${index2}`);
              if (parent) fetched.push(parent);
            }
          }
          const reader = hashReaderFromTiles({ size, rootHash: root }, fetched);
          const proof = proveInclusion(index, size, reader);
          expect(proof).toEqual(proveInclusion(index, size, tree));
          verifyInclusion(tree.nodeHash(0, index), index, size, proof, root);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a consistency proof built from tiles verifies", () => {
    const size1 = 1000;
    const size2 = 66_000;
    const all = [...serve(size2).values()];
    const reader = hashReaderFromTiles({ size: size2, rootHash: rootAt(size2, tree) }, all);
    const proof = proveConsistency(size1, size2, reader);
    verifyConsistency(size1, size2, proof, rootAt(size1, tree), rootAt(size2, tree));
  });

  it("refuses a tampered full tile even when the right edge is honest", () => {
    const size = 66_000;
    const tiles = [...serve(size).values()].map((t) => {
      if (t.level !== 0 || t.index !== 3) return t;
      const hashes = t.hashes.slice();
      hashes[0]! ^= 0x80;
      return { ...t, hashes };
    });
    expect(codeOf(() => hashReaderFromTiles({ size, rootHash: rootAt(size, tree) }, tiles))).toBe(
      "TILE_MISMATCH",
    );
  });

  it("refuses reading a tile that could not be authenticated", () => {
    const size = 66_000;
    const leafTile = [...serve(size).values()].find((t) => t.level === 0 && t.index === 3)!;
    const edge = tilesNeeded(size, (r) => rootAt(size, r)).map(
      (t) => serve(size).get(`${t.level}/${t.index}`)!,
    );
    // Level-1 tile 0 (the parent of leaf tile 3) is left out on purpose.
    const reader = hashReaderFromTiles({ size, rootHash: rootAt(size, tree) }, [
      ...edge.filter((t) => !(t.level === 1 && t.index === 0)),
      leafTile,
    ]);
    expect(codeOf(() => proveInclusion(3 * 256 + 5, size, reader))).toBe("TILE_MISMATCH");
  });

  it("refuses tiles of the wrong length and a root that does not match", () => {
    const size = 300;
    const tiles = [...serve(size).values()];
    const root = rootAt(size, tree);
    expect(codeOf(() => hashReaderFromTiles({ size, rootHash: root }, tiles))).toBe("none");
    expect(codeOf(() => hashReaderFromTiles({ size, rootHash: rootAt(299, tree) }, tiles))).toBe(
      "TILE_MISMATCH",
    );
    const short = tiles.map((t) => ({ ...t, hashes: t.hashes.subarray(0, t.hashes.length - 1) }));
    expect(codeOf(() => hashReaderFromTiles({ size, rootHash: root }, short))).toBe("MALFORMED_TILE");
    expect(
      codeOf(() =>
        hashReaderFromTiles({ size, rootHash: root }, [{ level: 0, index: 9, hashes: new Uint8Array(32) }]),
      ),
    ).toBe("MALFORMED_TILE");
  });

  it("accepts a full tile in place of a partial one (the spec's fallback)", () => {
    const size = 300;
    const tiles = [...serve(size).values()].map((t) =>
      t.level === 0 && t.index === 1 ? { ...t, hashes: tileHashes(0, 1, 256, tree) } : t,
    );
    const reader = hashReaderFromTiles({ size, rootHash: rootAt(size, tree) }, tiles);
    expect(rootAt(size, reader)).toEqual(rootAt(size, tree));
  });
});

describe("tile paths and entry bundles", () => {
  it("tilePath and parseTilePath round-trip", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.oneof(fc.nat(), fc.maxSafeNat()),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(tilePath(level, index, width))).toEqual({
            kind: "hash",
            level,
            index,
            width,
            exactIndex: BigInt(index),
          });
        },
      ),
    );
  });

  it("entry bundles round-trip, and truncation is a MALFORMED_ENTRY_BUNDLE", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 256 }), (entries) => {
        const bytes = encodeEntryBundle(entries);
        expect(decodeEntryBundle(bytes)).toEqual(entries);
        if (entries.some((e) => e.length > 0)) {
          expect(codeOf(() => decodeEntryBundle(bytes.subarray(0, bytes.length - 1)))).toBe(
            "MALFORMED_ENTRY_BUNDLE",
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it("an entry of 65,535 bytes fits; 65,536 does not", () => {
    expect(decodeEntryBundle(encodeEntryBundle([new Uint8Array(65_535)]))[0]).toHaveLength(65_535);
    expect(codeOf(() => encodeEntryBundle([new Uint8Array(65_536)]))).toBe("INVALID_ARGUMENT");
  });
});
