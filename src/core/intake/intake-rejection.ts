/**
 * Why an intake submission was refused: a closed set of reasons, each mapped to one AppError code (and
 * so to one HTTP status through HTTP_STATUS). The intake journal stores the reason, so auditors can tell
 * a forged signature from a revoked key without reading messages.
 */
import { AppError, type AppErrorCode } from "../app-error.ts";
import type { FieldIssue } from "../validation-issues.ts";

export const REJECTION_CODE = {
  body_too_large: "PAYLOAD_TOO_LARGE",
  invalid_json: "INVALID_JSON",
  invalid_envelope: "INVALID_INPUT",
  invalid_request: "INVALID_REQUEST",
  unsigned: "UNAUTHENTICATED",
  malformed_signature: "UNAUTHENTICATED",
  unsupported_header: "UNAUTHENTICATED",
  unknown_key: "UNAUTHENTICATED",
  revoked_key: "UNAUTHENTICATED",
  bad_signature: "UNAUTHENTICATED",
  kid_mismatch: "UNAUTHENTICATED",
  rate_limited: "RATE_LIMITED",
  conflict: "CONFLICT",
  internal: "INTERNAL",
} as const satisfies Record<string, AppErrorCode>;

export type RejectionReason = keyof typeof REJECTION_CODE;

export class IntakeRejection extends AppError {
  readonly reason: RejectionReason;

  constructor(
    reason: RejectionReason,
    message: string,
    options: { issues?: readonly FieldIssue[]; cause?: unknown } = {},
  ) {
    super(REJECTION_CODE[reason], message, options);
    this.name = "IntakeRejection";
    this.reason = reason;
  }
}
