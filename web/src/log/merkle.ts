/**
 * RFC 6962 / RFC 9162 §2.1 Merkle hashing and proofs, asynchronous because the browser hashes with
 * WebCrypto. The same algorithms as the server's src/core/log/merkle.ts (which uses node:crypto):
 * leaf hash SHA-256(0x00 ‖ entry), node hash SHA-256(0x01 ‖ left ‖ right), subtrees split at the
 * largest power of two strictly below n. Sizes are safe integers; arithmetic avoids 32-bit shifts.
 */
import { bytesEqual, sha256 } from "./bytes.ts";
import { LogVerifyError } from "./log-verify-error.ts";

export const HASH_SIZE = 32;

/** A source of hashes of COMPLETE subtrees: height h, index k covers leaves [k·2^h, (k+1)·2^h). */
export interface AsyncHashReader {
  nodeHash(height: number, index: number): Promise<Uint8Array>;
}

export function hashLeaf(entry: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0x00]), entry);
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0x01]), left, right);
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}

const half = (n: number): number => Math.floor(n / 2);
const isOdd = (n: number): boolean => n % 2 === 1;

/** MTH(D[start : start+n)), reading aligned complete subtrees from the reader. */
async function rangeRoot(start: number, n: number, reader: AsyncHashReader): Promise<Uint8Array> {
  if (isPowerOfTwo(n)) return reader.nodeHash(Math.round(Math.log2(n)), start / n);
  const k = largestPowerOfTwoBelow(n);
  return hashChildren(await rangeRoot(start, k, reader), await rangeRoot(start + k, n - k, reader));
}

/** The root hash of the first `size` leaves. Size 0 is SHA-256 of nothing. */
export function rootAt(size: number, reader: AsyncHashReader): Promise<Uint8Array> {
  return size === 0 ? sha256() : rangeRoot(0, size, reader);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[start : start+n)), leaf to root. */
async function inclusionPath(
  m: number,
  start: number,
  n: number,
  reader: AsyncHashReader,
): Promise<Uint8Array[]> {
  if (n <= 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k)
    return [...(await inclusionPath(m, start, k, reader)), await rangeRoot(start + k, n - k, reader)];
  return [...(await inclusionPath(m - k, start + k, n - k, reader)), await rangeRoot(start, k, reader)];
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. */
export function proveInclusion(index: number, size: number, reader: AsyncHashReader): Promise<Uint8Array[]> {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size)
    throw new LogVerifyError("INDEX_OUT_OF_RANGE", `entry ${index} is not below the tree size ${size}`);
  return inclusionPath(index, 0, size, reader);
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or undefined if the proof is malformed. */
export async function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array | undefined> {
  if (index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      r = await hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/** Whether `proof` shows leaf `index` with hash `leafHash` in the tree of `size` with `root`. */
export async function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  const computed = await rootFromInclusionProof(index, size, leafHash, proof);
  return computed !== undefined && bytesEqual(computed, root);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `oldSize` leaves with `oldRoot` to be a prefix
 * of the tree of `newSize` leaves with `newRoot`.
 */
export async function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<boolean> {
  if (oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = await hashChildren(c, fr);
      sr = await hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = await hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
