/**
 * The public record of each case event (src/core/records/public-record.ts): which public event type an
 * event is, and whether it is published sealed. Secrecy holds while the requesting authority asked for
 * confidentiality or the case is sealed, until secrecy ends (`secrecy_ended` → a `disclosed` record with
 * the details) or the person is notified; sealed records carry only the event type, the day and the
 * commitment.
 */
import type { CaseEvent } from "../../core/case/case-events.ts";
import type { CaseState } from "../../core/case/case-state.ts";
import {
  encodePublicRecord,
  PUBLIC_RECORD_FORMAT,
  type PublicEventType,
  type PublicRecord,
  type PublicRecordDetails,
} from "../../core/records/public-record.ts";
import type { Request } from "../../core/request/request-schema.ts";

/** The details of a case that never change (no verdict, no grounds): taken from the request at intake. */
export type CaseDetails = Omit<PublicRecordDetails, "verdict" | "refusal_grounds">;

/** What the public may know of a request: states, party, instrument, conduct and measure categories. */
export function publicDetailsOf(request: Request): CaseDetails {
  return {
    requesting_state: request.requesting.state,
    requested_party: {
      state: request.requested.state,
      party: request.requested.party,
      ...(request.requested.party === "provider" && request.requested.provider !== undefined
        ? { provider: request.requested.provider }
        : {}),
    },
    instrument: request.legal_basis.instrument,
    conduct: [...request.case.conduct],
    measures: request.measures.map((m) => m.type),
  };
}

const GROUND_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** The public event type of an event: the stage it leads to (`disclosed` when secrecy ends). */
export function publicEventType(event: CaseEvent, after: CaseState): PublicEventType {
  if (event.type === "secrecy_ended" || after.stage === "notification_due") return "disclosed";
  return after.stage;
}

/** Whether secrecy still holds after `history` (the event just appended included). */
export function isUnderSecrecy(
  history: readonly CaseEvent[],
  confidential: boolean,
  after: CaseState,
): boolean {
  if (history.some((e) => e.type === "secrecy_ended" || e.type === "notified")) return false;
  return confidential || after.stage === "sealed";
}

/** The canonical bytes of the public record of the last event of `history`. */
export function publicRecordFor(input: {
  readonly history: readonly CaseEvent[];
  readonly after: CaseState;
  readonly eventId: string;
  readonly commitment: string;
  readonly confidential: boolean;
  readonly details: CaseDetails;
}): Uint8Array {
  const event = input.history.at(-1);
  if (event === undefined) throw new Error("a public record needs an event");
  const common = {
    format: PUBLIC_RECORD_FORMAT,
    event_id: input.eventId,
    event_type: publicEventType(event, input.after),
    date: event.at.slice(0, 10),
    commitment: input.commitment,
  } as const;
  const record: PublicRecord = isUnderSecrecy(input.history, input.confidential, input.after)
    ? { ...common, visibility: "sealed" }
    : {
        ...common,
        visibility: "public",
        details: {
          ...input.details,
          ...(input.after.assessorVerdict === null ? {} : { verdict: input.after.assessorVerdict }),
          refusal_grounds: groundsOf(input.history),
        },
      };
  return encodePublicRecord(record);
}

/** The grounds of the latest decision, else the assessor's (only identifiers the record format allows). */
function groundsOf(history: readonly CaseEvent[]): string[] {
  let grounds: readonly string[] = [];
  for (const event of history) {
    if (event.type === "assessed" || event.type === "decided") grounds = event.payload.grounds;
  }
  return grounds.filter((g) => GROUND_ID.test(g));
}
