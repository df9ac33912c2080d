/** The reports layer's error: a closed set of codes; edges map them (CLI exit 2, HTTP 400/404). */
export type ReportErrorCode = "PERIOD_INVALID" | "THRESHOLD_INVALID";

export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ReportError";
    this.code = code;
  }
}
