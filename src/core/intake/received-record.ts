/**
 * Superseded: intake now opens each case in the case workflow, which logs `lightswitch.public-record/v1`
 * entries (src/shell/cases/record-intake-case.ts). `receivedRecord` stays for logs written before and
 * the readers that accept both (notices); `requestCommitment` is the commitment the workflow uses.
 *
 * The public log entry for a received case (DESIGN §3, "Public record and commitment"): no personal data,
 * only categories, the verdict, the day, and the commitment SHA-256(salt ‖ canonical request). While the
 * requester asked for confidentiality the case is sealed: only the commitment and the sealed status are
 * public. The entry is canonical JSON, so the same case always yields the same bytes (retries are safe).
 */
import { createHash } from "node:crypto";
import type { Verdict } from "../assess/assessment.ts";
import type { Request } from "../request/request-schema.ts";
import { canonicalBytes } from "./canonical-json.ts";

export const RECORD_FORMAT = "lightswitch.record/v1";

export interface ReceivedCase {
  readonly caseId: string;
  readonly request: Request;
  readonly verdict: Verdict;
  readonly receivedAt: Date;
  /** Hex SHA-256(salt ‖ canonical request), see `requestCommitment`. */
  readonly commitment: string;
}

/** SHA-256(salt ‖ canonical request), hex: the person notified gets the salt and can recompute it. */
export function requestCommitment(salt: Uint8Array, canonicalRequest: Uint8Array): string {
  return createHash("sha256").update(salt).update(canonicalRequest).digest("hex");
}

/** The log event id of a case's receipt (unique in the log, so a retried append is idempotent). */
export function receivedEventId(caseId: string): string {
  return `${caseId}/received`;
}

/** The canonical bytes of the public record of a case's receipt. */
export function receivedRecord(received: ReceivedCase): Uint8Array {
  const { request } = received;
  const common = {
    format: RECORD_FORMAT,
    event: "received",
    case: received.caseId,
    date: received.receivedAt.toISOString().slice(0, 10),
    commitment: received.commitment,
  };
  if (request.confidentiality?.requested === true) return canonicalBytes({ ...common, sealed: true });
  return canonicalBytes({
    ...common,
    sealed: false,
    requesting_state: request.requesting.state,
    requesting_kind: request.requesting.kind,
    requested_state: request.requested.state,
    requested_party: request.requested.party,
    instrument: request.legal_basis.instrument,
    conduct: [...new Set(request.case.conduct)].sort(),
    measures: [...new Set(request.measures.map((m) => m.type))].sort(),
    emergency: request.urgency?.emergency === true,
    verdict: received.verdict,
  });
}
