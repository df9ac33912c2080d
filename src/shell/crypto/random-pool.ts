/**
 * Small random values (nonces, event ids, salts) cut from a pool of CSPRNG bytes refilled 4 KiB at a
 * time. Each `randomBytes` call costs 2–4 µs on this project's machine whatever its size, and intake takes
 * seven small ones per case (issue 4's throughput). Each pool is read once and never rewritten, and
 * callers get copies: no two values share bytes, and none keeps the pool alive. One pool per thread
 * (module state), so worker threads never share one.
 */
import { randomBytes } from "node:crypto";

const POOL_BYTES = 4096;

let pool = randomBytes(POOL_BYTES);
let offset = 0;

/** `size` fresh random bytes (at most 256; larger values should call randomBytes directly). */
export function pooledRandomBytes(size: number): Buffer {
  if (!Number.isInteger(size) || size < 0 || size > 256)
    throw new RangeError(`pooledRandomBytes: size must be an integer 0–256, got ${size}`);
  if (offset + size > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const value = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return value;
}
