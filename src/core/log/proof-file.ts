/**
 * c2sp.org/tlog-proof@v1 files (".tlog-proof"): an offline receipt that an entry is in a log.
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>          (optional, opaque to the format)
 *   index <i>
 *   <base64 audit-path hash, one per line, bottom-up>
 *   <blank line>
 *   <signed checkpoint, possibly with cosignatures>
 *
 * parseProofFile takes untrusted text and throws MALFORMED_PROOF.
 */
import { decodeBase64Strict, encodeBase64 } from "./bytes.ts";
import { type Checkpoint, openCheckpoint } from "./checkpoint.ts";
import { LogError } from "./log-error.ts";
import { HASH_SIZE, verifyInclusion } from "./merkle.ts";
import type { NoteVerifier, OpenedNote } from "./note.ts";

export const PROOF_FILE_HEADER = "c2sp.org/tlog-proof@v1";
/** More audit-path lines than a 2^63-leaf tree needs are rejected before any hashing. */
const MAX_PROOF_LINES = 63;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

export interface ProofFile {
  readonly extra?: Uint8Array;
  readonly index: number;
  readonly inclusionProof: readonly Uint8Array[];
  /** The signed checkpoint note, verbatim (verify it with verifyProofFile or openCheckpoint). */
  readonly checkpointNote: string;
}

function malformed(message: string): never {
  throw new LogError("MALFORMED_PROOF", message);
}

export function formatProofFile(file: ProofFile): string {
  if (!Number.isSafeInteger(file.index) || file.index < 0)
    malformed("index must be a non-negative safe integer");
  if (file.inclusionProof.some((hash) => hash.length !== HASH_SIZE)) malformed("proof hashes are 32 bytes");
  if (!file.checkpointNote.endsWith("\n")) malformed("checkpoint note must end in a newline");
  const lines = [PROOF_FILE_HEADER];
  if (file.extra !== undefined) lines.push(`extra ${encodeBase64(file.extra)}`);
  lines.push(`index ${file.index}`, ...file.inclusionProof.map(encodeBase64), "");
  return `${lines.join("\n")}\n${file.checkpointNote}`;
}

/** Parses a proof file; the checkpoint note is returned verbatim, unverified. */
export function parseProofFile(text: string): ProofFile {
  const blank = text.indexOf("\n\n");
  if (blank < 0) malformed("no blank line between the proof and the checkpoint");
  const lines = text.slice(0, blank).split("\n");
  const checkpointNote = text.slice(blank + 2);
  if (checkpointNote === "") malformed("checkpoint is missing");
  if (lines[0] !== PROOF_FILE_HEADER) malformed(`first line must be ${PROOF_FILE_HEADER}`);
  let next = 1;
  let extra: Uint8Array | undefined;
  if (lines[next]?.startsWith("extra ")) {
    extra = decodeBase64Strict(lines[next]!.slice("extra ".length));
    if (extra === undefined) malformed("extra is not base64");
    next += 1;
  }
  const indexLine = lines[next] ?? "";
  const indexText = indexLine.startsWith("index ") ? indexLine.slice("index ".length) : "";
  if (!DECIMAL.test(indexText)) malformed("expected 'index <decimal>'");
  const index = Number(indexText);
  if (!Number.isSafeInteger(index)) malformed("index is too large");
  const hashLines = lines.slice(next + 1);
  if (hashLines.length > MAX_PROOF_LINES) malformed("too many proof lines");
  const inclusionProof = hashLines.map((line) => {
    const hash = decodeBase64Strict(line);
    if (hash === undefined || hash.length !== HASH_SIZE) malformed("proof line is not a base64 32-byte hash");
    return hash;
  });
  return extra === undefined
    ? { index, inclusionProof, checkpointNote }
    : { extra, index, inclusionProof, checkpointNote };
}

/**
 * Verifies a proof file offline: the checkpoint's signature by the log (openNote codes), its origin,
 * then the inclusion of `leafHash` at the file's index (INCLUSION_PROOF_INVALID). Cosignatures by
 * witnesses are checked when their verifiers are passed too; quorum policy is the caller's.
 */
export function verifyProofFile(
  file: ProofFile,
  leafHash: Uint8Array,
  options: { readonly origin: string; readonly verifiers: readonly NoteVerifier[] },
): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openCheckpoint(file.checkpointNote, options.verifiers, options.origin);
  verifyInclusion(
    leafHash,
    file.index,
    opened.checkpoint.size,
    file.inclusionProof,
    opened.checkpoint.rootHash,
  );
  return opened;
}
