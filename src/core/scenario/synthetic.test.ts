import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { RequestSchema } from "../request/request-schema.ts";
import { generateSyntheticRequest } from "./synthetic.ts";

describe("synthetic requests", () => {
  test.prop([fc.integer(), fc.nat(10_000_000)])("are the same for the same seed and index", (seed, index) => {
    expect(generateSyntheticRequest(seed, index)).toEqual(generateSyntheticRequest(seed, index));
  });

  test.prop([fc.integer(), fc.nat(10_000_000)])("are valid lightswitch.request/v1", (seed, index) => {
    const result = RequestSchema.safeParse(generateSyntheticRequest(seed, index));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("differ between seeds and between neighbouring indices", () => {
    const a = JSON.stringify(generateSyntheticRequest(1, 0).case);
    expect(JSON.stringify(generateSyntheticRequest(2, 0).case)).not.toBe(a);
    expect(JSON.stringify(generateSyntheticRequest(1, 1).case)).not.toBe(a);
  });

  it("vary: a thousand requests cover every legal basis and most measure types", () => {
    const requests = Array.from({ length: 1000 }, (_, i) => generateSyntheticRequest(42, i));
    expect(new Set(requests.map((r) => r.legal_basis.instrument)).size).toBe(6);
    expect(new Set(requests.flatMap((r) => r.measures.map((m) => m.type))).size).toBeGreaterThanOrEqual(10);
    expect(new Set(requests.map((r) => r.id)).size).toBe(1000);
  });
});
