/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the bytes a request signature covers
 * (spec/request-format.md, "Signature"). Object members sorted by their UTF-16 code units (§3.2.3),
 * no insignificant whitespace, strings escaped as ECMAScript `JSON.stringify` does (§3.2.2.2), and
 * numbers in the ECMAScript shortest round-trip form (§3.2.2.3), which `JSON.stringify` also gives.
 */

/** A JSON value as `JSON.parse` produces it. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** The canonical text of `value`; throws TypeError on what JSON cannot carry (NaN, Infinity, undefined, …). */
export function canonicalize(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`RFC 8785: ${value} is not a JSON number`);
      // Object.is(-0) → "0": JSON.stringify already serializes -0 as 0, as §3.2.2.3 requires.
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalize(item)).join(",")}]`;
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly what §3.2.3 prescribes.
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalize(record[key])}`).join(",")}}`;
    }
    default:
      throw new TypeError(`RFC 8785: a ${typeof value} is not a JSON value`);
  }
}

/** The canonical UTF-8 bytes of `value`. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}
