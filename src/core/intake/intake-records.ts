/**
 * The log entries of a case opened at intake, in the shared `lightswitch.public-record/v1` format
 * (src/core/records/public-record.ts): a `received` record, then an `assessed` record with the verdict
 * and the refusal grounds (as the case workflow's `openCaseEvents` names them). Sealed when the
 * requester asked for confidentiality.
 *
 * Event ids are opaque (no case reference) yet recomputable by intake: a prefix of
 * SHA-256("lightswitch.intake-event/v1" ‖ salt ‖ event type), the salt being the case's secret
 * commitment salt. A replay, or a retry after a crash, derives the same ids and the same bytes, so the
 * log's deduplication makes the append idempotent without storing the ids twice.
 */
import { createHash } from "node:crypto";
import type { Assessment } from "../assess/assessment.ts";
import { refusalGrounds } from "../case/open-case.ts";
import { commitToRequest, encodePublicRecord, type PublicRecord } from "../records/public-record.ts";
import type { Request } from "../request/request-schema.ts";

export interface IntakeRecord {
  readonly eventId: string;
  readonly bytes: Uint8Array;
}

/** The opaque, salt-derived event id of the case's `eventType` record. */
export function intakeEventId(salt: Uint8Array, eventType: "received" | "assessed"): string {
  return createHash("sha256")
    .update("lightswitch.intake-event/v1")
    .update(salt)
    .update(eventType)
    .digest("base64url")
    .slice(0, 32);
}

/** The `received` and `assessed` records of a case (canonical bytes, ready to append). */
export function intakeRecords(input: {
  readonly request: Request;
  readonly assessment: Assessment;
  readonly salt: Uint8Array;
  readonly receivedAt: Date;
}): [received: IntakeRecord, assessed: IntakeRecord] {
  const { request, assessment, salt } = input;
  const commitment = commitToRequest(salt, request);
  const date = input.receivedAt.toISOString().slice(0, 10);
  const record = (eventType: "received" | "assessed", withVerdict: boolean): IntakeRecord => {
    const eventId = intakeEventId(salt, eventType);
    const common = {
      format: "lightswitch.public-record/v1",
      event_id: eventId,
      event_type: eventType,
      date,
      commitment,
    } as const;
    const value: PublicRecord =
      request.confidentiality?.requested === true
        ? { ...common, visibility: "sealed" }
        : {
            ...common,
            visibility: "public",
            details: {
              requesting_state: request.requesting.state,
              requested_party: {
                state: request.requested.state,
                party: request.requested.party,
                ...(request.requested.provider === undefined ? {} : { provider: request.requested.provider }),
              },
              instrument: request.legal_basis.instrument,
              conduct: [...request.case.conduct],
              measures: request.measures.map((m) => m.type),
              ...(withVerdict ? { verdict: assessment.verdict } : {}),
              refusal_grounds: withVerdict ? refusalGrounds(assessment) : [],
            },
          };
    return { eventId, bytes: encodePublicRecord(value) };
  };
  return [record("received", false), record("assessed", true)];
}
