import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-bucket.ts";

describe("per-authority token buckets", () => {
  it("allows a burst, then refuses until tokens refill", () => {
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 });
    expect([1, 2, 3, 4].map(() => buckets.tryTake("fr", 0))).toEqual([true, true, true, false]);
    expect(buckets.tryTake("fr", 499)).toBe(false);
    expect(buckets.tryTake("fr", 500)).toBe(true);
  });

  it("keeps one bucket per authority", () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 });
    expect(buckets.tryTake("fr", 0)).toBe(true);
    expect(buckets.tryTake("br", 0)).toBe(true);
    expect(buckets.tryTake("fr", 0)).toBe(false);
  });
});
