/**
 * The one error type of the notices layer (STYLE habit 4): a closed set of codes; tests assert the
 * code, never the message. Messages say what was wrong and how to fix it.
 */
export type NoticeErrorCode =
  /** The notice code is not `LSN1.<event>.<salt>.<check>` (wrong shape, alphabet or lengths). */
  | "NOTICE_CODE_MALFORMED"
  /** The notice code names a version this program does not know. */
  | "NOTICE_CODE_UNSUPPORTED"
  /** The notice code's check characters do not match: most likely a typing mistake. */
  | "NOTICE_CODE_CHECKSUM"
  /** The data given to compose a notice is inconsistent (e.g. no `received` event). */
  | "NOTICE_INPUT_INVALID";

export class NoticeError extends Error {
  readonly code: NoticeErrorCode;
  constructor(code: NoticeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NoticeError";
    this.code = code;
  }
}

export function isNoticeError(error: unknown, code?: NoticeErrorCode): error is NoticeError {
  return error instanceof NoticeError && (code === undefined || error.code === code);
}
