/** The log service's error type (shell layer): closed codes, one table maps them to HTTP status. */
export type LogServiceErrorCode =
  | "ENTRY_TOO_LARGE"
  | "EVENT_ID_CONFLICT"
  | "SEQUENCER_CLOSED"
  | "NOT_FOUND"
  | "BAD_REQUEST"
  | "KEY_FILE_INVALID"
  | "VERIFICATION_FAILED"
  | "FETCH_FAILED";

export class LogServiceError extends Error {
  override readonly name = "LogServiceError";
  readonly code: LogServiceErrorCode;

  constructor(code: LogServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
