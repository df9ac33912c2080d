/**
 * Per-key token buckets (pure: the clock comes in as an argument). Each key holds up to `burst` tokens,
 * refilled at `perSecond`; a take succeeds while a token is left. Used to rate-limit each authority.
 */
export interface TokenBucketOptions {
  readonly perSecond: number;
  readonly burst: number;
  /** Buckets kept at most; the least recently used is forgotten first (a forgotten bucket is full). */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  readonly #options: TokenBucketOptions;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    this.#options = options;
  }

  /** Takes one token for `key` at time `nowMs`; false when the bucket is empty. */
  tryTake(key: string, nowMs: number): boolean {
    const { perSecond, burst, maxKeys = 10_000 } = this.#options;
    const bucket = this.#buckets.get(key) ?? { tokens: burst, updatedAt: nowMs };
    const elapsed = Math.max(0, nowMs - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
    bucket.updatedAt = nowMs;
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
