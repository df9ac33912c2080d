/**
 * Parsing an authority's Ed25519 public key as an administrator supplies it: either the raw 32-byte key
 * in base64url (RFC 8037 `x`), or a PEM `PUBLIC KEY` (SubjectPublicKeyInfo, RFC 8410). Untrusted text:
 * anything else is an AppError INVALID_INPUT, never a crash.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { AppError } from "../app-error.ts";

const RAW_BASE64URL = /^[A-Za-z0-9_-]{43}$/;

/** Returns the key as base64url of its 32 raw bytes, the one form the key directory stores. */
export function parseEd25519PublicKey(text: string): string {
  const trimmed = text.trim();
  if (RAW_BASE64URL.test(trimmed) && Buffer.from(trimmed, "base64url").length === 32) return trimmed;
  if (trimmed.startsWith("-----BEGIN PUBLIC KEY-----")) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: trimmed, format: "pem" });
    } catch (cause) {
      throw invalidKey("the PEM is not a readable SubjectPublicKeyInfo", cause);
    }
    if (key.asymmetricKeyType !== "ed25519") throw invalidKey(`the PEM holds a ${key.asymmetricKeyType} key`);
    const x = key.export({ format: "jwk" }).x;
    if (x === undefined) throw invalidKey("the PEM key has no public part");
    return x;
  }
  throw invalidKey("expected 43 base64url characters (32 raw bytes) or a PEM SPKI block");
}

/** A node:crypto key object for a stored base64url raw key. */
export function ed25519KeyObject(rawBase64url: string): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: rawBase64url }, format: "jwk" });
}

function invalidKey(detail: string, cause?: unknown): AppError {
  return new AppError("INVALID_INPUT", `not an Ed25519 public key: ${detail}`, {
    issues: [{ path: "--public-key", message: detail }],
    cause,
  });
}
