/** Byte helpers shared by the log modules: strict base64, hex, comparison, concatenation. */
import { createHash } from "node:crypto";

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Wraps a Buffer (or any view) as a plain Uint8Array over the same memory. */
export function asUint8Array(view: Uint8Array): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** Standard base64 with padding (RFC 4648 §4), as the C2SP specs require. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Strict, canonical standard base64 decoding. Node's Buffer.from(…, "base64") silently skips
 * invalid characters, which an attacker could use to smuggle text through; we reject instead.
 * Returns undefined for anything that is not canonical padded base64.
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!BASE64_PATTERN.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  // Non-zero trailing bits are non-canonical (tlog-checkpoint: "canonical base64 only").
  if (bytes.toString("base64") !== text) return undefined;
  return asUint8Array(bytes);
}

export function encodeHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function decodeHex(text: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) throw new TypeError("not hex");
  return asUint8Array(Buffer.from(text, "hex"));
}

/** Constant-length byte equality (not constant-time: inputs here are public hashes). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return asUint8Array(hash.digest());
}

const utf8Encoder = new TextEncoder();
export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
