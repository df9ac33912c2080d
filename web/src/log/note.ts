/**
 * c2sp.org/signed-note and c2sp.org/tlog-checkpoint for the browser: split a signed note, parse the
 * checkpoint body, read signature lines, and verify Ed25519 signatures (type 0x01) and witness
 * cosignatures (cosignature/v1, type 0x04) with WebCrypto. Everything here parses untrusted text from
 * the network or from the user; malformed input becomes a LogVerifyError, never a crash.
 */
import { bytesEqual, concatBytes, decodeBase64, encodeHex, sha256, utf8 } from "./bytes.ts";
import { LogVerifyError } from "./log-verify-error.ts";
import { HASH_SIZE } from "./merkle.ts";

export const ALGORITHM_ED25519 = 0x01;
export const ALGORITHM_COSIGNATURE_V1 = 0x04;

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
}

export interface NoteSignature {
  readonly name: string;
  /** 4-byte key ID, as 8 lowercase hex digits. */
  readonly keyId: string;
  /** The bytes after the key ID. */
  readonly signature: Uint8Array;
  /** For a 72-byte signature: the cosignature/v1 timestamp (POSIX seconds) it would carry. */
  readonly timestamp?: number;
}

export interface SignedCheckpoint {
  /** The note text: exactly what the signatures sign. */
  readonly text: string;
  readonly checkpoint: Checkpoint;
  readonly signatures: readonly NoteSignature[];
}

function malformed(message: string): never {
  throw new LogVerifyError("MALFORMED_CHECKPOINT", message);
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const SIGNATURE_LINE = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/;

/** Parses a signed checkpoint as served at /log/checkpoint. */
export function parseSignedCheckpoint(note: string): SignedCheckpoint {
  // The text ends at the last blank line; signature lines follow (signed-note).
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) malformed("no blank line between the checkpoint and its signatures");
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2, -1)
    .split("\n")
    .map((line): NoteSignature => {
      const match = SIGNATURE_LINE.exec(line);
      const bytes = match === null ? undefined : decodeBase64(match[2]!);
      if (match === null || bytes === undefined || bytes.length < 5)
        return malformed(`bad signature line ${JSON.stringify(line)}`);
      const signature = bytes.slice(4);
      const timestamp =
        signature.length === 72 ? Number(new DataView(signature.buffer, 0, 8).getBigUint64(0)) : undefined;
      return {
        name: match[1]!,
        keyId: encodeHex(bytes.slice(0, 4)),
        signature,
        ...(timestamp === undefined || !Number.isSafeInteger(timestamp) ? {} : { timestamp }),
      };
    });
  return { text, checkpoint: parseCheckpoint(text), signatures };
}

/** Parses the checkpoint body: origin, size, base64 root hash, extension lines. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) malformed("a checkpoint has origin, size and root hash lines");
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === "") malformed("the origin is empty");
  if (!DECIMAL.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    malformed("the size is not a decimal number");
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE)
    malformed("the root hash is not base64 of 32 bytes");
  return { origin, size: Number(sizeText), rootHash, extensions };
}

export interface VerifierKey {
  readonly name: string;
  readonly keyId: string;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

/** The key ID of signed-note: SHA-256(name ‖ "\n" ‖ type ‖ key)[0:4], as hex. */
export async function computeKeyId(name: string, type: number, publicKey: Uint8Array): Promise<string> {
  return encodeHex((await sha256(utf8(`${name}\n`), new Uint8Array([type]), publicKey)).slice(0, 4));
}

/** Parses a vkey `<name>+<hex key ID>+<base64(type ‖ public key)>` and checks its key ID. */
export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const bad = (why: string): never => {
    throw new LogVerifyError("MALFORMED_KEY", `not a verifier key: ${why}`);
  };
  // The name has no "+" and the key ID is hex, but base64 may contain "+": split at the first two only.
  const text = vkey.trim();
  const first = text.indexOf("+");
  const second = text.indexOf("+", first + 1);
  if (first < 0 || second < 0) return bad("expected name+keyid+key");
  const [name, keyId, keyText] = [
    text.slice(0, first),
    text.slice(first + 1, second),
    text.slice(second + 1),
  ];
  const key = decodeBase64(keyText);
  if (name === "" || !/^[0-9a-f]{8}$/.test(keyId) || key === undefined || key.length !== 33)
    return bad("expected name+8 hex digits+base64 of a type byte and a 32-byte Ed25519 key");
  const type = key[0]!;
  if (type !== ALGORITHM_ED25519 && type !== ALGORITHM_COSIGNATURE_V1) return bad(`unknown key type ${type}`);
  const publicKey = key.slice(1);
  if ((await computeKeyId(name, type, publicKey)) !== keyId) return bad("the key ID does not match the key");
  return { name, keyId, type, publicKey };
}

async function verifyEd25519(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey("raw", concatBytes(publicKey), { name: "Ed25519" }, false, [
      "verify",
    ]);
    return await crypto.subtle.verify({ name: "Ed25519" }, key, concatBytes(signature), concatBytes(message));
  } catch {
    return false;
  }
}

export type SignatureCheck = "verified" | "invalid" | "no-key";

/**
 * Checks one signature line against the keys given: an Ed25519 note signature (type 0x01) or a
 * cosignature/v1 (type 0x04, also accepted from a 0x01 key with the ID recomputed, as
 * transparency-dev does). Keys are matched by name and key ID.
 */
export async function checkSignature(
  text: string,
  signature: NoteSignature,
  keys: readonly VerifierKey[],
): Promise<SignatureCheck> {
  for (const key of keys) {
    if (key.name !== signature.name) continue;
    if (key.type === ALGORITHM_ED25519 && key.keyId === signature.keyId)
      return (await verifyEd25519(key.publicKey, utf8(text), signature.signature)) ? "verified" : "invalid";
    const cosignId = await computeKeyId(key.name, ALGORITHM_COSIGNATURE_V1, key.publicKey);
    if (cosignId === signature.keyId && signature.timestamp !== undefined) {
      const message = utf8(`cosignature/v1\ntime ${signature.timestamp}\n${text}`);
      return (await verifyEd25519(key.publicKey, message, signature.signature.slice(8)))
        ? "verified"
        : "invalid";
    }
  }
  return "no-key";
}

export function sameRoot(checkpoint: Checkpoint, root: Uint8Array): boolean {
  return bytesEqual(checkpoint.rootHash, root);
}
