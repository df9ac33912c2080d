import { describe, expect, it } from "vitest";
import { pooledRandomBytes } from "./random-pool.ts";

describe("pooled random bytes", () => {
  it("never hands out the same bytes twice, across pool refills", () => {
    // 2,000 values of 16 bytes span several 4 KiB pools; a collision of 128-bit values means reuse.
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(pooledRandomBytes(16).toString("hex"));
    expect(seen.size).toBe(2000);
  });

  it("refuses sizes it is not for", () => {
    expect(() => pooledRandomBytes(257)).toThrow(RangeError);
    expect(() => pooledRandomBytes(-1)).toThrow(RangeError);
    expect(pooledRandomBytes(0)).toHaveLength(0);
  });
});
