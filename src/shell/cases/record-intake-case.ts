/**
 * The one call intake makes once a case row is committed: the case's first events (received, assessed,
 * with the deadline and its basis) are stored and their public records logged under the commitment
 * SHA-256(salt ‖ canonical request). Safe to repeat for a replayed submission (same log indexes).
 */
import type { Kysely } from "kysely";
import type { Assessment } from "../../core/assess/assessment.ts";
import type { CaseEvent } from "../../core/case/case-events.ts";
import { openCaseEvents } from "../../core/case/open-case.ts";
import { requestCommitment } from "../../core/intake/received-record.ts";
import type { Profile } from "../../core/profiles/profile-schema.ts";
import type { Request } from "../../core/request/request-schema.ts";
import type { DataKey } from "../crypto/personal-data.ts";
import type { CaseOpener } from "../intake/intake-service.ts";
import type { TransactionalLog } from "../log/log-staging.ts";
import type { DB } from "../store/schema.ts";
import { insertOpenings, type OpenedCaseFacts } from "./case-opening-rows.ts";
import { type AppendResult, type CaseLog, CaseStore } from "./case-store.ts";
import type { CaseWorkflowTables } from "./case-tables.ts";

export interface IntakeCase {
  readonly caseId: string;
  readonly request: Request;
  /** The request's RFC 8785 canonical bytes (what was signed and hashed). */
  readonly canonical: Uint8Array;
  /** Hex SHA-256 of `canonical`. */
  readonly requestSha256: string;
  readonly assessment: Assessment;
  readonly profile: Profile;
  /** The commitment salt (the intake's cases.commitment_salt). */
  readonly salt: Uint8Array;
  readonly receivedAt: Date;
}

/** Records an intake case in the workflow; `logIndexes[0]` is the receipt's log index. */
export function recordIntakeCase(
  db: Kysely<DB>,
  log: CaseLog,
  dataKey: DataKey,
  input: IntakeCase,
): Promise<AppendResult> {
  return openIntakeCase(new CaseStore({ db, log, dataKey }), input);
}

/** The same on a long-lived case store, whose openings in one tick share a transaction. */
export function openIntakeCase(store: CaseStore, input: IntakeCase): Promise<AppendResult> {
  return store.open(input.caseId, firstEvents(input), factsOf(input));
}

/**
 * What intake opens its cases through: intake builds the rows (events sealed with `dataKey`), the store
 * inserts them inside intake's group transaction (one commit for the case row, its events and their log
 * entries); `reopen` (openIntakeCase again) answers replays.
 */
export function intakeCaseOpener(dataKey: DataKey, store: CaseStore, log: TransactionalLog): CaseOpener {
  return {
    log,
    dataKey,
    insertWithin: (tx, stage, openings) =>
      insertOpenings(tx.withTables<CaseWorkflowTables>(), stage, openings),
    reopen: (input) => openIntakeCase(store, input),
  };
}

function firstEvents(input: IntakeCase): CaseEvent[] {
  return openCaseEvents({
    request: input.request,
    requestSha256: input.requestSha256,
    assessment: input.assessment,
    profile: input.profile,
    receivedAt: input.receivedAt.toISOString(),
  });
}

function factsOf(input: IntakeCase): OpenedCaseFacts {
  return {
    request: input.request,
    commitment: requestCommitment(input.salt, input.canonical),
    profile: input.profile.id,
  };
}
