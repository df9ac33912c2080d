import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canonicalize } from "./canonical-json.ts";

describe("RFC 8785 canonical JSON", () => {
  it.each([
    ["sorts members by UTF-16 code units", { b: 1, a: 2, A: 3 }, '{"A":3,"a":2,"b":1}'],
    [
      "sorts nested members and keeps array order",
      { z: [3, { y: 1, x: 2 }], a: null },
      '{"a":null,"z":[3,{"x":2,"y":1}]}',
    ],
    ["writes -0 as 0", { n: -0 }, '{"n":0}'],
    [
      "writes numbers in shortest round-trip form",
      [1e21, 1e-7, 0.1, 100, 5e-324],
      "[1e+21,1e-7,0.1,100,5e-324]",
    ],
    ["escapes controls as \\u00XX and keeps non-ASCII literal", ['\u0001\n"é€😀'], '["\\u0001\\n\\"é€😀"]'],
    [
      "sorts surrogate pairs by code unit, not code point",
      { "\uff61": 1, "\ud83d\ude00": 2 },
      '{"😀":2,"｡":1}',
    ],
  ])("%s", (_name, value, expected) => {
    expect(canonicalize(value)).toBe(expected);
  });

  // RFC 8785 §3.2.3 worked example (Appendix: sorting of properties).
  it("orders the RFC's sorting example", () => {
    const value = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    const keys = Object.keys(JSON.parse(canonicalize(value)) as object);
    expect(canonicalize(value).indexOf("Carriage")).toBeLessThan(canonicalize(value).indexOf("One"));
    expect(keys).toContain("\u20ac");
    const order = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"].map((k) =>
      canonicalize(value).indexOf(JSON.stringify(k)),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("refuses values JSON cannot carry", () => {
    expect(() => canonicalize({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalize([Number.POSITIVE_INFINITY])).toThrow(TypeError);
    expect(() => canonicalize(() => 1)).toThrow(TypeError);
  });

  test.prop([fc.jsonValue()])("round-trips and is idempotent", (value) => {
    const text = canonicalize(value);
    expect(canonicalize(JSON.parse(text))).toBe(text);
  });

  test.prop([fc.dictionary(fc.string(), fc.integer())])(
    "does not depend on member insertion order",
    (record) => {
      const reversed = Object.fromEntries(Object.entries(record).reverse());
      expect(canonicalize(reversed)).toBe(canonicalize(record));
    },
  );
});
