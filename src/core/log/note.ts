/**
 * c2sp.org/signed-note v1.0.0 with Ed25519 (signature type 0x01), following
 * golang.org/x/mod/sumdb/note byte for byte. Notes and keys are untrusted input: every malformed
 * value becomes a LogError (MALFORMED_NOTE, MALFORMED_KEY, BAD_SIGNATURE, UNKNOWN_KEY).
 */
import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from "node:crypto";
import {
  asUint8Array,
  bytesEqual,
  concatBytes,
  decodeBase64Strict,
  encodeBase64,
  encodeHex,
  sha256,
  utf8,
} from "./bytes.ts";
import { LogError } from "./log-error.ts";

export interface NoteSigner {
  readonly name: string;
  /** 4-byte key ID. */
  readonly keyId: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export const ALGORITHM_ED25519 = 0x01;
/** x/mod's limit on signature lines per note (the spec asks for at least 16). */
export const MAX_NOTE_SIGNATURES = 100;
const SIGNATURE_PREFIX = "\u2014 ";
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Key name rule of signed-note: non-empty, no Unicode whitespace, no "+". */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && name.isWellFormed();
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[0:4] (signed-note §"Signatures"). */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): Uint8Array {
  return sha256(utf8(name), new Uint8Array([0x0a, type]), publicKey).slice(0, 4);
}

export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

export function ed25519PublicKeyFromRaw(publicKey: Uint8Array): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
    format: "der",
    type: "spki",
  });
}

export function rawEd25519PublicKey(privateKey: KeyObject): Uint8Array {
  const der = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return asUint8Array(der.subarray(der.length - 32));
}

/** Ed25519 verification that never throws (bad lengths are simply false). */
export function verifyEd25519(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

function malformedKey(message: string): never {
  throw new LogError("MALFORMED_KEY", message);
}

function splitKeyFields(text: string): [string, string, string] {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) malformedKey("a key is name+hex8+base64");
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

/** Parsed `name+hex8+base64(type ‖ key)` (the vkey form), without algorithm checks. */
export interface ParsedVerifierKey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly type: number;
  readonly key: Uint8Array;
}

/** Splits a verifier key string; checks the name and the hex ID syntax. Throws MALFORMED_KEY. */
export function parseVerifierKey(vkey: string): ParsedVerifierKey {
  // Split at the first two "+" only: base64 itself may contain "+" (as x/mod's chop does).
  const [name, idHex, keyText] = splitKeyFields(vkey);
  if (!isValidKeyName(name)) malformedKey("invalid key name");
  if (!/^[0-9a-f]{8}$/.test(idHex)) malformedKey("key ID must be 8 lowercase hex digits");
  const keyBytes = decodeBase64Strict(keyText);
  if (keyBytes === undefined || keyBytes.length < 2) malformedKey("key is not valid base64");
  return { name, keyId: asUint8Array(Buffer.from(idHex, "hex")), type: keyBytes[0]!, key: keyBytes.slice(1) };
}

/** An Ed25519 note verifier from `name+hex8+base64(0x01 ‖ 32-byte key)`. Throws MALFORMED_KEY. */
export function verifierFromVkey(vkey: string): NoteVerifier {
  const parsed = parseVerifierKey(vkey);
  if (parsed.type !== ALGORITHM_ED25519)
    malformedKey(`unknown signature algorithm 0x${parsed.type.toString(16)}`);
  if (parsed.key.length !== 32) malformedKey("an Ed25519 public key is 32 bytes");
  if (!bytesEqual(computeKeyId(parsed.name, ALGORITHM_ED25519, parsed.key), parsed.keyId))
    malformedKey("key ID does not match the name and key");
  let publicKey: KeyObject;
  try {
    publicKey = ed25519PublicKeyFromRaw(parsed.key);
  } catch (cause) {
    throw new LogError("MALFORMED_KEY", "not an Ed25519 public key", { cause });
  }
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    verify: (message, signature) => verifyEd25519(publicKey, message, signature),
  };
}

/** The Ed25519 key behind an skey: name, seed-derived private key and raw public key. Throws MALFORMED_KEY. */
export function parseSignerKey(skey: string): {
  name: string;
  keyId: Uint8Array;
  privateKey: KeyObject;
  publicKey: Uint8Array;
} {
  if (!skey.startsWith("PRIVATE+KEY+")) malformedKey("a signer key is PRIVATE+KEY+name+hex8+base64");
  const [name, idHex, keyText] = splitKeyFields(skey.slice("PRIVATE+KEY+".length));
  if (!isValidKeyName(name)) malformedKey("invalid key name");
  if (!/^[0-9a-f]{8}$/.test(idHex)) malformedKey("key ID must be 8 lowercase hex digits");
  const keyBytes = decodeBase64Strict(keyText);
  if (keyBytes === undefined || keyBytes.length !== 33 || keyBytes[0] !== ALGORITHM_ED25519)
    malformedKey("signer key must be base64(0x01 ‖ 32-byte seed)");
  const privateKey = ed25519PrivateKeyFromSeed(keyBytes.subarray(1));
  const publicKey = rawEd25519PublicKey(privateKey);
  const keyId = computeKeyId(name, ALGORITHM_ED25519, publicKey);
  if (encodeHex(keyId) !== idHex) malformedKey("key ID does not match the name and key");
  return { name, keyId, privateKey, publicKey };
}

/** An Ed25519 note signer from `PRIVATE+KEY+name+hex8+base64(0x01 ‖ seed)`. Throws MALFORMED_KEY. */
export function signerFromSkey(skey: string): NoteSigner {
  const { name, keyId, privateKey } = parseSignerKey(skey);
  return { name, keyId, sign: (message) => asUint8Array(sign(null, message, privateKey)) };
}

/** The vkey matching an skey. */
export function vkeyFromSkey(skey: string): string {
  const { name, keyId, publicKey } = parseSignerKey(skey);
  return `${name}+${encodeHex(keyId)}+${encodeBase64(concatBytes(new Uint8Array([ALGORITHM_ED25519]), publicKey))}`;
}

/**
 * A fresh Ed25519 key pair in x/mod's string forms. Randomness is an argument for tests and
 * reproducibility (STYLE habit 1); it defaults to the OS CSPRNG.
 */
export function generateEd25519Keys(
  name: string,
  seed: Uint8Array = randomBytes(32),
): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) throw new LogError("MALFORMED_KEY", "invalid key name");
  if (seed.length !== 32) throw new LogError("MALFORMED_KEY", "an Ed25519 seed is 32 bytes");
  const publicKey = rawEd25519PublicKey(ed25519PrivateKeyFromSeed(seed));
  const keyId = encodeHex(computeKeyId(name, ALGORITHM_ED25519, publicKey));
  return {
    skey: `PRIVATE+KEY+${name}+${keyId}+${encodeBase64(concatBytes(new Uint8Array([ALGORITHM_ED25519]), seed))}`,
    vkey: `${name}+${keyId}+${encodeBase64(concatBytes(new Uint8Array([ALGORITHM_ED25519]), publicKey))}`,
  };
}

/** No ASCII control characters but "\n", and well-formed UTF-16 (so well-formed UTF-8 on the wire). */
function hasOnlyNoteCharacters(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is exactly about control characters
  return text.isWellFormed() && !/[\u0000-\u0009\u000b-\u001f]/.test(text);
}

/** Formats one signature line: "— name base64(keyId ‖ signature)\n". */
export function formatSignatureLine(name: string, keyId: Uint8Array, signature: Uint8Array): string {
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(concatBytes(keyId, signature))}\n`;
}

/** Signs `text` (must end in "\n") and returns the note: text, blank line, one line per signer. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith("\n") || !hasOnlyNoteCharacters(text))
    throw new LogError(
      "MALFORMED_NOTE",
      "note text must be UTF-8 without control characters and end in a newline",
    );
  const message = utf8(text);
  let lines = "";
  for (const signer of signers) {
    if (!isValidKeyName(signer.name) || signer.keyId.length !== 4)
      throw new LogError("MALFORMED_KEY", `invalid signer ${JSON.stringify(signer.name)}`);
    lines += formatSignatureLine(signer.name, signer.keyId, signer.sign(message));
  }
  return `${text}\n${lines}`;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
  /** The whole line, without its final newline, as it appeared. */
  readonly line: string;
}

export interface OpenedNote {
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  readonly unverified: readonly NoteSignature[];
}

/** Parsed but not verified: the text and the signature lines. Throws MALFORMED_NOTE. */
export function splitNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  let message: string;
  if (typeof note === "string") {
    message = note;
  } else {
    try {
      message = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(note);
    } catch (cause) {
      throw new LogError("MALFORMED_NOTE", "note is not valid UTF-8", { cause });
    }
  }
  if (!hasOnlyNoteCharacters(message))
    throw new LogError("MALFORMED_NOTE", "note contains control characters or invalid UTF-8");
  const split = message.lastIndexOf("\n\n");
  if (split < 0) throw new LogError("MALFORMED_NOTE", "note has no blank line before its signatures");
  const text = message.slice(0, split + 1);
  let block = message.slice(split + 2);
  if (block.length === 0 || !block.endsWith("\n"))
    throw new LogError("MALFORMED_NOTE", "signature block is empty or does not end in a newline");
  const signatures: NoteSignature[] = [];
  while (block.length > 0) {
    const end = block.indexOf("\n");
    const line = block.slice(0, end);
    block = block.slice(end + 1);
    if (!line.startsWith(SIGNATURE_PREFIX))
      throw new LogError("MALFORMED_NOTE", "line is not a signature line");
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(" ");
    const name = space < 0 ? rest : rest.slice(0, space);
    const encoded = space < 0 ? "" : rest.slice(space + 1);
    const bytes = decodeBase64Strict(encoded);
    if (bytes === undefined || !isValidKeyName(name) || encoded === "" || bytes.length < 5)
      throw new LogError("MALFORMED_NOTE", "malformed signature line");
    if (signatures.length >= MAX_NOTE_SIGNATURES) throw new LogError("MALFORMED_NOTE", "too many signatures");
    signatures.push({ name, keyId: bytes.slice(0, 4), signature: bytes.slice(4), line });
  }
  return { text, signatures };
}

/**
 * Opens a signed note like x/mod's note.Open: signature lines are matched to verifiers by
 * (name, key ID); unknown ones are kept as `unverified`; a known key's bad signature throws
 * BAD_SIGNATURE; no verified signature at all throws UNKNOWN_KEY. Duplicates are dropped.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = splitNote(note);
  const message = utf8(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenVerifiers = new Set<string>();
  const seenUnverifiedLines = new Set<string>();
  for (const signature of signatures) {
    const verifier = verifiers.find((v) => v.name === signature.name && bytesEqual(v.keyId, signature.keyId));
    if (verifier === undefined) {
      if (seenUnverifiedLines.has(signature.line)) continue;
      seenUnverifiedLines.add(signature.line);
      unverified.push(signature);
      continue;
    }
    const id = `${signature.name}+${encodeHex(signature.keyId)}`;
    if (seenVerifiers.has(id)) continue;
    seenVerifiers.add(id);
    if (!verifier.verify(message, signature.signature))
      throw new LogError("BAD_SIGNATURE", `signature by ${signature.name} does not verify`);
    verified.push(signature);
  }
  if (verified.length === 0) throw new LogError("UNKNOWN_KEY", "note has no signature from a known key");
  return { text, verified, unverified };
}
