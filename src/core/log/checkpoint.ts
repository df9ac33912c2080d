/**
 * c2sp.org/tlog-checkpoint v1.0.0: the note text "origin\nsize\nbase64(root)\n[extension lines]".
 * parseCheckpoint takes untrusted text and throws MALFORMED_CHECKPOINT for anything off-spec.
 */
import { decodeBase64Strict, encodeBase64 } from "./bytes.ts";
import { LogError } from "./log-error.ts";
import { HASH_SIZE } from "./merkle.ts";
import { type NoteSigner, type NoteVerifier, type OpenedNote, openNote, signNote } from "./note.ts";

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

function malformed(message: string): never {
  throw new LogError("MALFORMED_CHECKPOINT", message);
}

/** The checkpoint body (the note text), ending in "\n". */
export function formatCheckpoint(c: Checkpoint): string {
  if (c.origin === "" || c.origin.includes("\n")) malformed("origin must be one non-empty line");
  if (!Number.isSafeInteger(c.size) || c.size < 0) malformed("size must be a non-negative safe integer");
  if (c.rootHash.length !== HASH_SIZE) malformed("root hash must be 32 bytes");
  for (const extension of c.extensions)
    if (extension === "" || extension.includes("\n"))
      malformed("extension lines must be non-empty single lines");
  return [c.origin, String(c.size), encodeBase64(c.rootHash), ...c.extensions]
    .map((line) => `${line}\n`)
    .join("");
}

/** Parses a checkpoint body (the note text, not the signed note). Throws MALFORMED_CHECKPOINT. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) malformed("checkpoint must end in a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) malformed("checkpoint needs origin, size and root hash lines");
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === "") malformed("origin is empty");
  if (!DECIMAL.test(sizeText)) malformed("size is not a decimal number without leading zeros");
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) malformed("size is too large");
  const rootHash = decodeBase64Strict(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE)
    malformed("root hash is not canonical base64 of 32 bytes");
  if (extensions.some((line) => line === "")) malformed("extension lines must be non-empty");
  return { origin, size, rootHash, extensions };
}

/** Formats and signs a checkpoint in one step. */
export function signCheckpoint(c: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(c), signers);
}

/**
 * Opens a signed checkpoint: verifies the note (openNote's rules and codes), parses the text, and
 * checks the origin the caller expects (keys and origin are configured separately: the key name need
 * not equal the origin). Throws CHECKPOINT_ORIGIN_MISMATCH when they differ.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  expectedOrigin?: string,
): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin)
    throw new LogError(
      "CHECKPOINT_ORIGIN_MISMATCH",
      `checkpoint origin is ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(expectedOrigin)}`,
    );
  return { checkpoint, note: opened };
}
