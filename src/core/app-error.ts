/**
 * The application's error: a closed set of codes (STYLE habit 4). The HTTP status for each code is
 * decided in one place (`HTTP_STATUS`), and tests assert codes, not messages.
 */
import type { FieldIssue } from "./validation-issues.ts";

export const HTTP_STATUS = {
  INVALID_JSON: 400,
  INVALID_REQUEST: 400,
  INVALID_INPUT: 400,
  UNKNOWN_PROFILE: 404,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof HTTP_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(
    code: AppErrorCode,
    message: string,
    options: { issues?: readonly FieldIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options.issues ?? [];
  }

  /** The body every edge returns: `{ error: { code, message, issues } }`. */
  toJSON(): { error: { code: AppErrorCode; message: string; issues: readonly FieldIssue[] } } {
    return { error: { code: this.code, message: this.message, issues: this.issues } };
  }
}
