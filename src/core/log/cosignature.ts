/**
 * c2sp.org/tlog-cosignature, Ed25519 cosignature/v1 (signature type 0x04): a witness states "as of
 * time T this is the largest consistent tree I have seen". Signature bytes (after the 4-byte key ID)
 * are timestamp uint64 big-endian (8) ‖ Ed25519 signature (64); the signed message is
 * "cosignature/v1\ntime <T>\n" followed by the whole checkpoint text.
 */
import { type KeyObject, sign } from "node:crypto";
import { asUint8Array, bytesEqual, concatBytes, encodeBase64, encodeHex, utf8 } from "./bytes.ts";
import { LogError } from "./log-error.ts";
import {
  ALGORITHM_ED25519,
  computeKeyId,
  ed25519PublicKeyFromRaw,
  formatSignatureLine,
  type NoteSignature,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
  verifyEd25519,
} from "./note.ts";

export const ALGORITHM_COSIGNATURE_V1 = 0x04;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** The cosignature/v1 signed message for a checkpoint body (note text) at `timestamp` (POSIX seconds). */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  requireTimestamp(timestamp);
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

function requireTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new LogError(
      "MALFORMED_COSIGNATURE",
      `timestamp must be a non-negative safe integer, got ${timestamp}`,
    );
}

/** The parts of a cosignature/v1 signature (the bytes after the key ID). Throws MALFORMED_COSIGNATURE. */
export function parseCosignature(signature: Uint8Array): { timestamp: number; signature: Uint8Array } {
  if (signature.length !== 72)
    throw new LogError("MALFORMED_COSIGNATURE", "a cosignature/v1 is 8 + 64 bytes");
  const timestamp = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
  if (timestamp > MAX_TIMESTAMP) throw new LogError("MALFORMED_COSIGNATURE", "timestamp exceeds 2^63-1");
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER))
    throw new LogError("MALFORMED_COSIGNATURE", "timestamp is beyond any plausible date");
  return { timestamp: Number(timestamp), signature: signature.slice(8) };
}

export interface Cosigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** Cosigns a checkpoint body at `timestamp` and returns the signature line ("— name base64\n"). */
  cosign(checkpointText: string, timestamp: number): string;
  /** The cosignature/v1 verifier key string, type 0x04. */
  readonly vkey: string;
}

/**
 * A cosigner from an Ed25519 skey (type 0x01 seed, as x/mod writes them). As transparency-dev
 * does, the same Ed25519 key is used, with the key ID recomputed for type 0x04.
 */
export function cosignerFromSkey(skey: string): Cosigner {
  const { name, privateKey, publicKey } = parseSignerKey(skey);
  return createCosigner(name, privateKey, publicKey);
}

function createCosigner(name: string, privateKey: KeyObject, publicKey: Uint8Array): Cosigner {
  const keyId = computeKeyId(name, ALGORITHM_COSIGNATURE_V1, publicKey);
  return {
    name,
    keyId,
    vkey: `${name}+${encodeHex(keyId)}+${encodeBase64(concatBytes(new Uint8Array([ALGORITHM_COSIGNATURE_V1]), publicKey))}`,
    cosign(checkpointText, timestamp) {
      const message = cosignatureMessage(checkpointText, timestamp);
      const time = new Uint8Array(8);
      new DataView(time.buffer).setBigUint64(0, BigInt(timestamp));
      const signature = asUint8Array(sign(null, message, privateKey));
      return formatSignatureLine(name, keyId, concatBytes(time, signature));
    },
  };
}

/**
 * A NoteVerifier for cosignature/v1 lines, usable with openNote. Accepts a type-0x04 vkey, or (like
 * transparency-dev/formats) a type-0x01 vkey whose key is reused with the ID recomputed for 0x04.
 * Throws MALFORMED_KEY.
 */
export function cosignatureVerifierFromVkey(vkey: string): NoteVerifier {
  const parsed = parseVerifierKey(vkey);
  if (parsed.type !== ALGORITHM_COSIGNATURE_V1 && parsed.type !== ALGORITHM_ED25519)
    throw new LogError("MALFORMED_KEY", `not a cosignature/v1 key (type 0x${parsed.type.toString(16)})`);
  if (parsed.key.length !== 32) throw new LogError("MALFORMED_KEY", "an Ed25519 public key is 32 bytes");
  if (!bytesEqual(computeKeyId(parsed.name, parsed.type, parsed.key), parsed.keyId))
    throw new LogError("MALFORMED_KEY", "key ID does not match the name and key");
  let publicKey: KeyObject;
  try {
    publicKey = ed25519PublicKeyFromRaw(parsed.key);
  } catch (cause) {
    throw new LogError("MALFORMED_KEY", "not an Ed25519 public key", { cause });
  }
  return {
    name: parsed.name,
    keyId: computeKeyId(parsed.name, ALGORITHM_COSIGNATURE_V1, parsed.key),
    verify(message, signature) {
      let parts: { timestamp: number; signature: Uint8Array };
      try {
        parts = parseCosignature(signature);
      } catch {
        return false;
      }
      const text = new TextDecoder().decode(message);
      return verifyEd25519(publicKey, cosignatureMessage(text, parts.timestamp), parts.signature);
    },
  };
}

/** The timestamp of a verified cosignature line (from openNote's `verified`). Throws MALFORMED_COSIGNATURE. */
export function cosignatureTimestamp(signature: NoteSignature): number {
  return parseCosignature(signature.signature).timestamp;
}
