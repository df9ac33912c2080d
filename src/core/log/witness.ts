/**
 * The pure part of a c2sp.org/tlog-witness add-checkpoint handler. The HTTP server, the state
 * store (which must compare-and-swap atomically, step 6) and the clock live in the shell.
 *
 * Request body (untrusted):  "old <N>\n" 0..63 base64 proof lines, "\n", the signed checkpoint.
 * Checks, in the spec's order, each with its status:
 *   1. origin configured (404)  2. a trusted key signed, and no trusted signature is bad (403)
 *   3. old ≤ new size (400)     4. old = last cosigned size, 0 if none (409, body "<size>\n")
 *   5. consistency proof old→new verifies; empty when old = 0; equal roots when old = new;
 *      a size-0 checkpoint carries the empty root (422)
 *   7. 200 with the cosignature lines.
 */
import { bytesEqual, decodeBase64Strict } from "./bytes.ts";
import { type Checkpoint, parseCheckpoint } from "./checkpoint.ts";
import type { Cosigner } from "./cosignature.ts";
import { isLogError, LogError } from "./log-error.ts";
import { emptyRoot, verifyConsistency } from "./merkle.ts";
import { type NoteVerifier, openNote, splitNote } from "./note.ts";

export const MAX_WITNESS_PROOF_LINES = 63;
export const TLOG_SIZE_CONTENT_TYPE = "text/x.tlog.size";
const DECIMAL = /^(0|[1-9][0-9]*)$/;

export interface AddCheckpointRequest {
  readonly oldSize: number;
  /** Proof lines decoded from base64; their length is checked with the proof (422), not here. */
  readonly consistencyProof: readonly Uint8Array[];
  readonly checkpointNote: string;
  /** Parsed from the unverified note text, so the shell can look up the log and the state. */
  readonly checkpoint: Checkpoint;
}

/** What the witness last cosigned for an origin. */
export interface WitnessState {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

export type WitnessRejection =
  | "MALFORMED_REQUEST"
  | "UNKNOWN_LOG"
  | "UNTRUSTED_SIGNATURE"
  | "OLD_SIZE_TOO_LARGE"
  | "OLD_SIZE_MISMATCH"
  | "INCONSISTENT";

export type AddCheckpointDecision =
  | {
      readonly kind: "cosigned";
      readonly status: 200;
      /** Cosignature lines, one per cosigner, each ending in "\n". */
      readonly body: string;
      /** Persist with compare-and-swap against `previous` (undefined = no state yet). */
      readonly newState: WitnessState & { readonly origin: string; readonly checkpointNote: string };
      readonly previous: WitnessState | undefined;
    }
  | {
      readonly kind: "rejected";
      readonly status: 400 | 403 | 404 | 409 | 422;
      readonly reason: WitnessRejection;
      readonly message: string;
      /** Only for 409: the witness's size plus "\n", served as text/x.tlog.size. */
      readonly body?: string;
      readonly contentType?: string;
    };

function malformed(message: string): never {
  throw new LogError("MALFORMED_WITNESS_REQUEST", message);
}

/** Parses an add-checkpoint body. Throws MALFORMED_WITNESS_REQUEST (→ 400). */
export function parseAddCheckpointRequest(body: string | Uint8Array): AddCheckpointRequest {
  let text: string;
  if (typeof body === "string") {
    text = body;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    } catch (cause) {
      throw new LogError("MALFORMED_WITNESS_REQUEST", "body is not UTF-8", { cause });
    }
  }
  const firstNewline = text.indexOf("\n");
  const oldLine = firstNewline < 0 ? "" : text.slice(0, firstNewline);
  const oldText = oldLine.startsWith("old ") ? oldLine.slice(4) : "";
  if (!DECIMAL.test(oldText)) malformed("first line must be 'old <decimal size>'");
  const oldSize = Number(oldText);
  if (!Number.isSafeInteger(oldSize)) malformed("old size is too large");
  const consistencyProof: Uint8Array[] = [];
  let offset = firstNewline + 1;
  for (;;) {
    const end = text.indexOf("\n", offset);
    if (end < 0) malformed("missing blank line before the checkpoint");
    const line = text.slice(offset, end);
    offset = end + 1;
    if (line === "") break;
    if (consistencyProof.length >= MAX_WITNESS_PROOF_LINES) malformed("more than 63 proof lines");
    const hash = decodeBase64Strict(line);
    if (hash === undefined) malformed("proof line is not base64");
    consistencyProof.push(hash);
  }
  const checkpointNote = text.slice(offset);
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(splitNote(checkpointNote).text);
  } catch (cause) {
    throw new LogError("MALFORMED_WITNESS_REQUEST", "checkpoint is not a signed checkpoint note", { cause });
  }
  return { oldSize, consistencyProof, checkpointNote, checkpoint };
}

/**
 * Decides an add-checkpoint request for one origin. `logVerifiers` are the configured keys of
 * `request.checkpoint.origin` (undefined when the origin is not configured); `state` is what the
 * witness last cosigned for it. Time comes in as `timestamp` (POSIX seconds, non-zero).
 */
export function decideAddCheckpoint(
  request: AddCheckpointRequest,
  context: {
    readonly logVerifiers: readonly NoteVerifier[] | undefined;
    readonly state: WitnessState | undefined;
    readonly cosigners: readonly Cosigner[];
    readonly timestamp: number;
  },
): AddCheckpointDecision {
  const { checkpoint } = request;
  const reject = (
    status: 400 | 403 | 404 | 409 | 422,
    reason: WitnessRejection,
    message: string,
  ): AddCheckpointDecision => ({ kind: "rejected", status, reason, message });

  if (context.logVerifiers === undefined || context.logVerifiers.length === 0)
    return reject(
      404,
      "UNKNOWN_LOG",
      `no log with origin ${JSON.stringify(checkpoint.origin)} is configured`,
    );
  try {
    openNote(request.checkpointNote, context.logVerifiers);
  } catch (error) {
    if (isLogError(error, "UNKNOWN_KEY") || isLogError(error, "BAD_SIGNATURE"))
      return reject(403, "UNTRUSTED_SIGNATURE", error.message);
    return reject(400, "MALFORMED_REQUEST", error instanceof Error ? error.message : "malformed checkpoint");
  }
  if (request.oldSize > checkpoint.size)
    return reject(
      400,
      "OLD_SIZE_TOO_LARGE",
      `old size ${request.oldSize} exceeds checkpoint size ${checkpoint.size}`,
    );
  const knownSize = context.state?.size ?? 0;
  if (request.oldSize !== knownSize)
    return {
      kind: "rejected",
      status: 409,
      reason: "OLD_SIZE_MISMATCH",
      message: `the witness last cosigned size ${knownSize}, not ${request.oldSize}`,
      body: `${knownSize}\n`,
      contentType: TLOG_SIZE_CONTENT_TYPE,
    };
  if (checkpoint.size === 0 && !bytesEqual(checkpoint.rootHash, emptyRoot()))
    return reject(422, "INCONSISTENT", "a size-0 checkpoint must carry the empty-tree root");
  if (request.oldSize === 0) {
    if (request.consistencyProof.length !== 0)
      return reject(422, "INCONSISTENT", "the proof from size 0 must be empty");
  } else {
    try {
      // knownSize = oldSize > 0 here, so state exists.
      verifyConsistency(
        request.oldSize,
        checkpoint.size,
        request.consistencyProof,
        context.state!.rootHash,
        checkpoint.rootHash,
      );
    } catch (error) {
      if (isLogError(error, "CONSISTENCY_PROOF_INVALID")) return reject(422, "INCONSISTENT", error.message);
      throw error;
    }
  }
  if (!Number.isSafeInteger(context.timestamp) || context.timestamp <= 0)
    throw new LogError("INVALID_ARGUMENT", "cosignature timestamp must be a positive integer");
  const checkpointText = splitNote(request.checkpointNote).text;
  const body = context.cosigners
    .map((cosigner) => cosigner.cosign(checkpointText, context.timestamp))
    .join("");
  return {
    kind: "cosigned",
    status: 200,
    body,
    newState: {
      origin: checkpoint.origin,
      size: checkpoint.size,
      rootHash: checkpoint.rootHash,
      checkpointNote: request.checkpointNote,
    },
    previous: context.state,
  };
}

/**
 * Parse and decide in one call, for the common case where the log configuration and state are
 * available synchronously. Malformed bodies give a 400 decision instead of an exception.
 */
export function handleAddCheckpoint(
  body: string | Uint8Array,
  context: {
    readonly logs: (origin: string) => readonly NoteVerifier[] | undefined;
    readonly state: (origin: string) => WitnessState | undefined;
    readonly cosigners: readonly Cosigner[];
    readonly timestamp: number;
  },
): AddCheckpointDecision {
  let request: AddCheckpointRequest;
  try {
    request = parseAddCheckpointRequest(body);
  } catch (error) {
    if (isLogError(error))
      return { kind: "rejected", status: 400, reason: "MALFORMED_REQUEST", message: error.message };
    throw error;
  }
  const origin = request.checkpoint.origin;
  return decideAddCheckpoint(request, {
    logVerifiers: context.logs(origin),
    state: context.state(origin),
    cosigners: context.cosigners,
    timestamp: context.timestamp,
  });
}
