/**
 * The rows a case's events are stored as: each event with its payload encrypted at rest and its public
 * record (what the log gets). Kept apart from the store so that intake's worker threads can build a new
 * case's rows (encryption and record encoding are CPU work) and the store's single writer only inserts
 * them (issue 4's throughput).
 */
import type { Transaction } from "kysely";
import type { CaseEvent } from "../../core/case/case-events.ts";
import { caseState } from "../../core/case/case-state.ts";
import type { Request } from "../../core/request/request-schema.ts";
import { type DataKey, encryptPersonalData } from "../crypto/personal-data.ts";
import { pooledRandomBytes } from "../crypto/random-pool.ts";
import type { LogTicket, StageLogEntry } from "../log/log-staging.ts";
import { insertChunks } from "../store/insert-chunks.ts";
import { type CaseDetails, publicDetailsOf, publicRecordFor } from "./case-records.ts";
import type { CaseDB, CaseEventsTable, CaseQueueTable } from "./case-tables.ts";

/** The facts of a new case that the public records need (no personal data is kept from the request). */
export interface OpenedCaseFacts {
  readonly request: Request;
  /** Hex SHA-256(salt ‖ canonical request), the same in every record of the case. */
  readonly commitment: string;
  /** The profile the case was assessed under. */
  readonly profile: string;
}

/** A public record and the random, opaque id it is logged under. */
export interface PublicRecordRow {
  readonly event_id: string;
  readonly public_record: string;
}

/** What opening a case writes: its queue entry (at its final version), its events, their records. */
export interface OpeningRows {
  readonly queue: CaseQueueTable;
  readonly events: readonly CaseEventsTable[];
  readonly records: readonly PublicRecordRow[];
}

/** Random, opaque ids for public records: nothing in them points at the case. */
export function newEventId(): string {
  return pooledRandomBytes(16).toString("base64url");
}

/** The authenticated context of an event's encrypted payload. */
export function eventContext(caseId: string, seq: number): string {
  return `case_events/${caseId}/${seq}`;
}

/** The rows of a new case whose first events are `events`. */
export function openingRows(
  caseId: string,
  events: readonly CaseEvent[],
  facts: OpenedCaseFacts,
  dataKey: DataKey,
  nextEventId: () => string = newEventId,
): OpeningRows {
  const state = caseState(events);
  const queue: CaseQueueTable = {
    case_id: caseId,
    version: 0,
    stage: state.stage,
    verdict: state.assessorVerdict,
    requesting_state: facts.request.requesting.state,
    profile: facts.profile,
    emergency: state.emergency ? 1 : 0,
    deadline: state.deadline,
    received_at: state.receivedAt,
    updated_at: events.at(-1)?.at ?? state.receivedAt,
    confidential: facts.request.confidentiality?.requested === true ? 1 : 0,
    commitment: facts.commitment,
    details_json: JSON.stringify(publicDetailsOf(facts.request)),
  };
  const { rows, records } = eventRows(queue, [], events, dataKey, nextEventId);
  // The queue entry is written once, already at the version the events bring it to.
  return { queue: { ...queue, version: events.length }, events: rows, records };
}

/** The rows of `events` appended after `history` (payloads encrypted) and their public records. */
export function eventRows(
  row: CaseQueueTable,
  history: readonly CaseEvent[],
  events: readonly CaseEvent[],
  dataKey: DataKey,
  nextEventId: () => string = newEventId,
): { rows: CaseEventsTable[]; records: PublicRecordRow[] } {
  const details = JSON.parse(row.details_json) as CaseDetails;
  const all = [...history];
  const rows: CaseEventsTable[] = [];
  const records: PublicRecordRow[] = [];
  for (const event of events) {
    all.push(event);
    const seq = all.length;
    const eventId = nextEventId();
    const record = publicRecordFor({
      history: all,
      after: caseState(all),
      eventId,
      commitment: row.commitment,
      confidential: row.confidential === 1,
      details,
    });
    const publicRecord = Buffer.from(record).toString("utf8");
    rows.push({
      case_id: row.case_id,
      seq,
      event_id: eventId,
      type: event.type,
      at: event.at,
      actor_json: JSON.stringify(event.actor),
      payload_enc: encryptPersonalData(
        dataKey,
        JSON.stringify(event.payload),
        eventContext(row.case_id, seq),
      ),
      public_record: publicRecord,
    });
    records.push({ event_id: eventId, public_record: publicRecord });
  }
  return { rows, records };
}

/**
 * Inserts new cases' rows in the caller's group transaction (one multi-row INSERT per table) and stages
 * their records into the log there; each case's tickets carry its log indexes once the transaction
 * committed. A second opening of the same case fails on the queue's primary key.
 */
export async function insertOpenings(
  tx: Transaction<CaseDB>,
  stage: StageLogEntry,
  openings: readonly OpeningRows[],
): Promise<LogTicket[][]> {
  for (const rows of insertChunks(openings.map((o) => o.queue)))
    await tx.insertInto("case_queue").values(rows).execute();
  for (const rows of insertChunks(openings.flatMap((o) => o.events)))
    await tx.insertInto("case_events").values(rows).execute();
  return openings.map((o) => o.records.map((r) => stage(Buffer.from(r.public_record, "utf8"), r.event_id)));
}
