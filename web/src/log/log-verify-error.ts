/**
 * The one error type of the browser's log verifier (STYLE habit 4): a closed set of codes, so the page
 * shows a sentence per code and tests assert codes, not messages.
 */
export type LogVerifyErrorCode =
  | "MALFORMED_CHECKPOINT"
  | "MALFORMED_KEY"
  | "MALFORMED_TILE"
  | "MALFORMED_ENTRY_BUNDLE"
  | "MALFORMED_PROOF"
  | "INDEX_OUT_OF_RANGE"
  | "LEAF_MISMATCH"
  | "INCLUSION_FAILED"
  | "CONSISTENCY_FAILED"
  | "FETCH_FAILED";

export class LogVerifyError extends Error {
  readonly code: LogVerifyErrorCode;
  constructor(code: LogVerifyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LogVerifyError";
    this.code = code;
  }
}
