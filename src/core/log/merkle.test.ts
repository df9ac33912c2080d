import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LogError } from "./log-error.ts";
import {
  hashLeaf,
  MemoryTree,
  MerkleAccumulator,
  proveConsistency,
  proveInclusion,
  rootAt,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.ts";

/** Independent MTH straight from the RFC 6962 §2.1 definition, for cross-checking. */
function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  const sha = (...parts: Uint8Array[]) => {
    const h = createHash("sha256");
    for (const p of parts) h.update(p);
    return new Uint8Array(h.digest());
  };
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(new Uint8Array([0]), leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(new Uint8Array([1]), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const MAX_SIZE = 2000;
const leaves = Array.from({ length: MAX_SIZE }, (_, i) => new TextEncoder().encode(`case-event-${i}`));
const leafHashes = leaves.map(hashLeaf);
const tree = new MemoryTree();
for (const h of leafHashes) tree.append(h);
const roots = new Map<number, Uint8Array>();
const rootOf = (size: number): Uint8Array => {
  let root = roots.get(size);
  if (root === undefined) {
    root = rootAt(size, tree);
    roots.set(size, root);
  }
  return root;
};

const sizeAndIndex = fc
  .integer({ min: 1, max: MAX_SIZE })
  .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
const twoSizes = fc
  .integer({ min: 1, max: MAX_SIZE })
  .chain((size2) => fc.tuple(fc.integer({ min: 1, max: size2 }), fc.constant(size2)));

function flipBit(proof: readonly Uint8Array[], element: number, byte: number, bit: number): Uint8Array[] {
  return proof.map((hash, i) => {
    if (i !== element) return hash;
    const copy = hash.slice();
    copy[byte]! ^= 1 << bit;
    return copy;
  });
}

function codeOf(run: () => void): string {
  try {
    run();
    return "none";
  } catch (error) {
    return error instanceof LogError ? error.code : "other";
  }
}

describe("Merkle tree (RFC 6962 §2.1)", () => {
  it("rootAt over the in-memory tree equals the textbook MTH for every prefix shape", () => {
    for (const size of [0, 1, 2, 3, 7, 8, 9, 255, 256, 257, 1000, 1023, 1024, 1025, MAX_SIZE]) {
      expect(rootOf(size)).toEqual(referenceRoot(leaves.slice(0, size)));
    }
  });

  it("the accumulator's root equals the textbook MTH, and resumes from its frontier", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (size, split) => {
        const cut = Math.min(split, size);
        const first = new MerkleAccumulator();
        for (const h of leafHashes.slice(0, cut)) first.append(h);
        const resumed = new MerkleAccumulator(first.size, first.frontier);
        for (const h of leafHashes.slice(cut, size)) resumed.append(h);
        expect(resumed.size).toBe(size);
        expect(resumed.root()).toEqual(referenceRoot(leaves.slice(0, size)));
        expect(rootFromLeafHashes(leafHashes.slice(0, size))).toEqual(resumed.root());
      }),
      { numRuns: 60 },
    );
  });

  it("an accumulator refuses a frontier of the wrong length", () => {
    expect(codeOf(() => new MerkleAccumulator(3, [leafHashes[0]!]))).toBe("INVALID_ARGUMENT");
  });

  it("inclusion proofs round-trip for random sizes 1..2000 and indexes", () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index]) => {
        const proof = proveInclusion(index, size, tree);
        verifyInclusion(leafHashes[index]!, index, size, proof, rootOf(size));
      }),
      { numRuns: 300 },
    );
  });

  it("flipping any bit of an inclusion proof makes verification fail", () => {
    fc.assert(
      fc.property(
        sizeAndIndex.filter(([size]) => size > 1),
        fc.nat(),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 7 }),
        ([size, index], element, byte, bit) => {
          const proof = proveInclusion(index, size, tree);
          const bad = flipBit(proof, element % proof.length, byte, bit);
          expect(codeOf(() => verifyInclusion(leafHashes[index]!, index, size, bad, rootOf(size)))).toBe(
            "INCLUSION_PROOF_INVALID",
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("an inclusion proof does not verify for another index, another leaf, or a truncated/extended path", () => {
    fc.assert(
      fc.property(
        sizeAndIndex.filter(([size]) => size > 2),
        ([size, index]) => {
          const proof = proveInclusion(index, size, tree);
          const leaf = leafHashes[index]!;
          const other = (index + 1) % size;
          expect(codeOf(() => verifyInclusion(leaf, other, size, proof, rootOf(size)))).toBe(
            "INCLUSION_PROOF_INVALID",
          );
          expect(codeOf(() => verifyInclusion(leafHashes[other]!, index, size, proof, rootOf(size)))).toBe(
            "INCLUSION_PROOF_INVALID",
          );
          expect(codeOf(() => verifyInclusion(leaf, index, size, proof.slice(0, -1), rootOf(size)))).toBe(
            "INCLUSION_PROOF_INVALID",
          );
          expect(codeOf(() => verifyInclusion(leaf, index, size, [...proof, leaf], rootOf(size)))).toBe(
            "INCLUSION_PROOF_INVALID",
          );
          // Not asserted: the same path can also verify for a smaller claimed size when the leaf's
          // path has the same shape (e.g. index 0 in sizes 3 and 4). The size is bound by the signed
          // checkpoint that carries the root, not by the proof.
        },
      ),
      { numRuns: 150 },
    );
  });

  it("consistency proofs round-trip for random size pairs up to 2000", () => {
    fc.assert(
      fc.property(twoSizes, ([size1, size2]) => {
        const proof = proveConsistency(size1, size2, tree);
        verifyConsistency(size1, size2, proof, rootOf(size1), rootOf(size2));
      }),
      { numRuns: 300 },
    );
  });

  it("flipping any bit of a consistency proof makes verification fail", () => {
    fc.assert(
      fc.property(
        twoSizes.filter(([a, b]) => a < b),
        fc.nat(),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 7 }),
        ([size1, size2], element, byte, bit) => {
          const proof = proveConsistency(size1, size2, tree);
          const bad = flipBit(proof, element % proof.length, byte, bit);
          expect(codeOf(() => verifyConsistency(size1, size2, bad, rootOf(size1), rootOf(size2)))).toBe(
            "CONSISTENCY_PROOF_INVALID",
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a consistency proof does not verify against swapped roots or other sizes", () => {
    fc.assert(
      fc.property(
        twoSizes.filter(([a, b]) => a < b - 1),
        ([size1, size2]) => {
          const proof = proveConsistency(size1, size2, tree);
          expect(codeOf(() => verifyConsistency(size1, size2, proof, rootOf(size2), rootOf(size1)))).toBe(
            "CONSISTENCY_PROOF_INVALID",
          );
          expect(
            codeOf(() => verifyConsistency(size1, size2 - 1, proof, rootOf(size1), rootOf(size2 - 1))),
          ).toBe("CONSISTENCY_PROOF_INVALID");
        },
      ),
      { numRuns: 150 },
    );
  });

  it("rejects out-of-range arguments with codes, never other exceptions", () => {
    expect(codeOf(() => proveInclusion(5, 5, tree))).toBe("INDEX_OUT_OF_RANGE");
    expect(codeOf(() => proveInclusion(-1, 5, tree))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => proveConsistency(6, 5, tree))).toBe("INDEX_OUT_OF_RANGE");
    expect(codeOf(() => proveConsistency(0, 5, tree))).toBe("INDEX_OUT_OF_RANGE");
    expect(codeOf(() => tree.nodeHash(0, MAX_SIZE))).toBe("INDEX_OUT_OF_RANGE");
    expect(codeOf(() => verifyInclusion(leafHashes[0]!, 2 ** 64 - 1, 2 ** 64, [], rootOf(1)))).toBe(
      "INCLUSION_PROOF_INVALID",
    );
    expect(codeOf(() => verifyInclusion(leafHashes[0]!, 0.5, 2, [], rootOf(1)))).toBe(
      "INCLUSION_PROOF_INVALID",
    );
    expect(codeOf(() => verifyInclusion(leafHashes[0]!, 0, 1, [], rootOf(1)))).toBe("none");
  });
});
