/**
 * Merkle tree hashing and proofs of RFC 6962 §2.1 (unchanged in RFC 9162 §2.1): leaf hash
 * SHA-256(0x00 ‖ entry), node hash SHA-256(0x01 ‖ left ‖ right), split at the largest power of two
 * strictly below n, empty root SHA-256(""). Sizes and indexes are JavaScript numbers and must be
 * safe integers (< 2^53); anything else is rejected, never rounded.
 */

import { hash } from "node:crypto";
import { asUint8Array, bytesEqual, sha256 } from "./bytes.ts";
import { LogError } from "./log-error.ts";

export const HASH_SIZE = 32;
const NODE_INPUT = new Uint8Array(1 + 2 * HASH_SIZE);

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ entry). */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + entry.length);
  input.set(entry, 1);
  return asUint8Array(hash("sha256", input, "buffer"));
}

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  // One-shot crypto.hash over a reused buffer is ~30% faster than createHash().update()×3, and
  // node hashing dominates proof verification (see bench/log-core.bench.ts).
  const length = 1 + left.length + right.length;
  const input = length === NODE_INPUT.length ? NODE_INPUT : new Uint8Array(length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return asUint8Array(hash("sha256", input, "buffer"));
}

/** MTH({}) = SHA-256(""). (golang.org/x/mod's tlog.TreeHash(0) returns zeros instead; C2SP does not.) */
export function emptyRoot(): Uint8Array {
  return sha256();
}

/** A source of hashes of COMPLETE subtrees: level L, index i covers leaves [i·2^L, (i+1)·2^L). */
export interface HashReader {
  nodeHash(level: number, index: number): Uint8Array;
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
function largestPowerOfTwoBelow(n: number): number {
  if (n <= 2 ** 31) return 2 ** (31 - Math.clz32(n - 1));
  let k = 2 ** 31;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && largestPowerOfTwoBelow(n * 2) === n;
}

function log2Exact(n: number): number {
  return n < 2 ** 31 ? 31 - Math.clz32(n) : Math.round(Math.log2(n));
}

function requireSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new LogError("INVALID_ARGUMENT", `${name} must be a non-negative safe integer, got ${value}`);
}

/** MTH of the leaf hashes, computed directly (RFC 6962 §2.1). */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  const accumulator = new MerkleAccumulator();
  for (const leafHash of leafHashes) accumulator.append(leafHash);
  return accumulator.root();
}

/**
 * MTH(D[start : start+n)) where start is a multiple of the smallest power of two ≥ n, so that every
 * power-of-two piece of the recursion is an aligned complete subtree the reader can serve.
 */
function rangeRoot(start: number, n: number, reader: HashReader): Uint8Array {
  if (isPowerOfTwo(n)) {
    return reader.nodeHash(log2Exact(n), start / n);
  }
  const k = largestPowerOfTwoBelow(n);
  return hashChildren(rangeRoot(start, k, reader), rangeRoot(start + k, n - k, reader));
}

/** MTH of the first `size` leaves, read from complete subtrees only. */
export function rootAt(size: number, reader: HashReader): Uint8Array {
  requireSize("size", size);
  if (size === 0) return emptyRoot();
  return rangeRoot(0, size, reader);
}

/** RFC 6962 §2.1.1 PATH(index, D[0:size]): the audit path, bottom-up. */
export function proveInclusion(index: number, size: number, reader: HashReader): Uint8Array[] {
  requireSize("size", size);
  requireSize("index", index);
  if (index >= size)
    throw new LogError("INDEX_OUT_OF_RANGE", `index ${index} is not below tree size ${size}`);
  const path: Uint8Array[] = [];
  let start = 0;
  let m = index;
  let n = size;
  while (n > 1) {
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path.push(rangeRoot(start + k, n - k, reader));
      n = k;
    } else {
      path.push(rangeRoot(start, k, reader));
      m -= k;
      start += k;
      n -= k;
    }
  }
  return path.reverse();
}

/**
 * RFC 6962 §2.1.2 PROOF(size1, D[0:size2]). Conventions (see vectors/README.md): size1 = size2 gives
 * the empty proof; size1 = 0 is rejected, as transparency-dev/merkle does (the witness protocol's
 * "old 0" is handled in witness.ts); size1 > size2 is rejected.
 */
export function proveConsistency(size1: number, size2: number, reader: HashReader): Uint8Array[] {
  requireSize("size1", size1);
  requireSize("size2", size2);
  if (size1 > size2) throw new LogError("INDEX_OUT_OF_RANGE", `size1 ${size1} is larger than size2 ${size2}`);
  if (size1 === 0)
    throw new LogError("INDEX_OUT_OF_RANGE", "a consistency proof from the empty tree is meaningless");
  const proof: Uint8Array[] = [];
  let start = 0;
  let m = size1;
  let n = size2;
  let isOnLeftSpine = true;
  while (m !== n) {
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      proof.push(rangeRoot(start + k, n - k, reader));
      n = k;
    } else {
      proof.push(rangeRoot(start, k, reader));
      m -= k;
      start += k;
      n -= k;
      isOnLeftSpine = false;
    }
  }
  if (!isOnLeftSpine) proof.push(rangeRoot(start, n, reader));
  return proof.reverse();
}

function failInclusion(message: string): never {
  throw new LogError("INCLUSION_PROOF_INVALID", message);
}

function failConsistency(message: string): never {
  throw new LogError("CONSISTENCY_PROOF_INVALID", message);
}

/** RFC 9162 §2.1.3.2. Throws LogError INCLUSION_PROOF_INVALID; returns normally when the proof holds. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || size < 0)
    failInclusion(`index ${index} or size ${size} is not a non-negative safe integer`);
  if (index >= size) failInclusion(`index ${index} is not below tree size ${size}`);
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE) failInclusion("hashes must be 32 bytes");
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (p.length !== HASH_SIZE) failInclusion("proof element is not 32 bytes");
    if (sn === 0) failInclusion("proof is too long");
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn !== 0 && fn % 2 === 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) failInclusion("proof is too short");
  if (!bytesEqual(r, root)) failInclusion("computed root does not match");
}

/**
 * RFC 9162 §2.1.4.2. Throws LogError CONSISTENCY_PROOF_INVALID. size1 = size2 requires an empty proof
 * and identical roots; size1 = 0 is always rejected, even with size2 = 0 (see proveConsistency).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < 0)
    failConsistency("sizes must be non-negative safe integers");
  if (size2 < size1) failConsistency(`size2 ${size2} is smaller than size1 ${size1}`);
  // As transparency-dev/merkle: size1 = 0 is an error even when size2 = 0.
  if (size1 === 0) failConsistency("a consistency proof from the empty tree is meaningless");
  if (size1 === size2) {
    if (proof.length !== 0) failConsistency("proof between equal sizes must be empty");
    if (!bytesEqual(root1, root2)) failConsistency("roots of equal sizes differ");
    return;
  }
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) failConsistency("roots must be 32 bytes");
  if (proof.length === 0) failConsistency("proof is empty");
  for (const p of proof) if (p.length !== HASH_SIZE) failConsistency("proof element is not 32 bytes");
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) failConsistency("proof is too long");
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn !== 0 && fn % 2 === 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) failConsistency("proof is too short");
  if (!bytesEqual(fr, root1)) failConsistency("proof does not lead to the old root");
  if (!bytesEqual(sr, root2)) failConsistency("proof does not lead to the new root");
}

/**
 * In-memory compact range (the "frontier"): the roots of the perfect subtrees of the binary
 * decomposition of `size`, largest (leftmost) first. O(log n) memory; append is amortised O(1)
 * hashes. Persist `size` and `frontier` to resume: `new MerkleAccumulator(size, frontier)`.
 */
export class MerkleAccumulator {
  #size: number;
  readonly #frontier: Uint8Array[];

  constructor(size = 0, frontier: readonly Uint8Array[] = []) {
    requireSize("size", size);
    let expected = 0;
    for (let s = size; s > 0; s = Math.floor(s / 2)) expected += s % 2;
    if (frontier.length !== expected)
      throw new LogError("INVALID_ARGUMENT", `a frontier for size ${size} has ${expected} hashes`);
    for (const h of frontier)
      if (h.length !== HASH_SIZE) throw new LogError("INVALID_ARGUMENT", "frontier hashes are 32 bytes");
    this.#size = size;
    this.#frontier = [...frontier];
  }

  get size(): number {
    return this.#size;
  }

  /** Perfect-subtree roots, left to right (largest first). */
  get frontier(): readonly Uint8Array[] {
    return [...this.#frontier];
  }

  append(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE) throw new LogError("INVALID_ARGUMENT", "leaf hashes are 32 bytes");
    let node = leafHash;
    // Each trailing 1 bit of the old size is a subtree of equal height to merge with.
    for (let s = this.#size; s % 2 === 1; s = Math.floor(s / 2)) {
      node = hashChildren(this.#frontier.pop()!, node);
    }
    this.#frontier.push(node);
    this.#size += 1;
  }

  /** MTH of all appended leaves: fold the frontier right to left. */
  root(): Uint8Array {
    if (this.#frontier.length === 0) return emptyRoot();
    let root = this.#frontier[this.#frontier.length - 1]!;
    for (let i = this.#frontier.length - 2; i >= 0; i--) root = hashChildren(this.#frontier[i]!, root);
    return root;
  }
}

/**
 * An in-memory tree that keeps every complete node, so it can serve proofs and tiles
 * (a HashReader). Level 0 holds leaf hashes; level L holds the complete nodes of height L.
 * Meant for tests, benchmarks and small logs; a store-backed reader does the same from disk.
 */
export class MemoryTree implements HashReader {
  readonly #levels: Uint8Array[][] = [[]];

  get size(): number {
    return this.#levels[0]!.length;
  }

  append(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE) throw new LogError("INVALID_ARGUMENT", "leaf hashes are 32 bytes");
    let level = 0;
    let node = leafHash;
    for (;;) {
      const row = this.#levels[level] ?? [];
      this.#levels[level] = row;
      row.push(node);
      const index = row.length - 1;
      if (index % 2 === 0) return;
      node = hashChildren(row[index - 1]!, node);
      level += 1;
    }
  }

  nodeHash(level: number, index: number): Uint8Array {
    const hash = this.#levels[level]?.[index];
    if (hash === undefined)
      throw new LogError("INDEX_OUT_OF_RANGE", `no complete node at level ${level}, index ${index}`);
    return hash;
  }

  root(): Uint8Array {
    return rootAt(this.size, this);
  }
}
