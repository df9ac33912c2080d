/**
 * The one error type of the transparency-log layer (STYLE habit 4). Every parser of
 * attacker-controlled input in src/core/log turns malformed values into a LogError with a code
 * from this closed set; tests assert the code, never the message.
 */
export type LogErrorCode =
  | "MALFORMED_NOTE"
  | "UNKNOWN_KEY"
  | "BAD_SIGNATURE"
  | "MALFORMED_CHECKPOINT"
  | "CHECKPOINT_ORIGIN_MISMATCH"
  | "MALFORMED_TILE"
  | "TILE_MISMATCH"
  | "MALFORMED_PROOF"
  | "INCLUSION_PROOF_INVALID"
  | "CONSISTENCY_PROOF_INVALID"
  | "MALFORMED_KEY"
  | "INDEX_OUT_OF_RANGE"
  | "MALFORMED_PATH"
  | "MALFORMED_ENTRY_BUNDLE"
  | "MALFORMED_COSIGNATURE"
  | "MALFORMED_WITNESS_REQUEST"
  | "INVALID_ARGUMENT";

/** All codes, for exhaustive tables (e.g. the shell's code → HTTP status map). */
export const LOG_ERROR_CODES: readonly LogErrorCode[] = [
  "MALFORMED_NOTE",
  "UNKNOWN_KEY",
  "BAD_SIGNATURE",
  "MALFORMED_CHECKPOINT",
  "CHECKPOINT_ORIGIN_MISMATCH",
  "MALFORMED_TILE",
  "TILE_MISMATCH",
  "MALFORMED_PROOF",
  "INCLUSION_PROOF_INVALID",
  "CONSISTENCY_PROOF_INVALID",
  "MALFORMED_KEY",
  "INDEX_OUT_OF_RANGE",
  "MALFORMED_PATH",
  "MALFORMED_ENTRY_BUNDLE",
  "MALFORMED_COSIGNATURE",
  "MALFORMED_WITNESS_REQUEST",
  "INVALID_ARGUMENT",
];

export class LogError extends Error {
  readonly code: LogErrorCode;

  constructor(code: LogErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LogError";
    this.code = code;
  }
}

/** True when `error` is a LogError, optionally with the given code. */
export function isLogError(error: unknown, code?: LogErrorCode): error is LogError {
  return error instanceof LogError && (code === undefined || error.code === code);
}
