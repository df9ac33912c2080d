/**
 * Row types of the case workflow's tables (migration 0005-case-workflow), added to the store's `DB` with
 * Kysely's `withTables`, like the intake's. Instants of case events are ISO strings (they are the events'
 * own `at`); users, sessions and the access log use epoch ms.
 */
import type { Generated, Kysely } from "kysely";
import type { Role } from "../../core/case/case-events.ts";
import type { IntakeDB, IntakeTables } from "../intake/intake-tables.ts";
import type { DB } from "../store/schema.ts";

/** One event of one case; (case_id, seq) is the primary key, so two writers cannot both append seq n. */
export interface CaseEventsTable {
  case_id: string;
  /** 1-based position in the case's history. */
  seq: number;
  /** Random, opaque id of the event's public record in the log (no case reference). */
  event_id: string;
  type: string;
  at: string;
  actor_json: string;
  /** The payload (reasons may name people): encrypted at rest, see src/shell/crypto. */
  payload_enc: string;
  /** The canonical public record appended to the log for this event (kept so a failed append can be retried). */
  public_record: string;
}

/** The queue: each case's current state, derived from its events and rewritten with every append. */
export interface CaseQueueTable {
  case_id: string;
  /** Number of events: the version an append must expect. */
  version: number;
  stage: string;
  verdict: string | null;
  requesting_state: string;
  profile: string;
  emergency: number;
  deadline: string | null;
  received_at: string;
  updated_at: string;
  /** 1 when the requesting authority asked for confidentiality: public records stay sealed until secrecy ends. */
  confidential: number;
  commitment: string;
  /** The case's public details (no personal data), for the records published when secrecy ends. */
  details_json: string;
}

export interface UsersTable {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  /** argon2id PHC string. */
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

export interface SessionsTable {
  /** Hex SHA-256 of the bearer token: a stolen database does not give working tokens. */
  token_sha256: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface CaseAssignmentsTable {
  case_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: number;
}

export interface AccessLogTable {
  seq: Generated<number>;
  at: number;
  user_id: string;
  role: string;
  case_id: string;
  /** JSON array of the personal-data fields read, e.g. ["request", "assessment", "events"]. */
  fields: string;
  /** The route or command that read them, e.g. "GET /v1/cases/:id". */
  purpose: string;
}

export type CaseWorkflowTables = {
  case_events: CaseEventsTable;
  case_queue: CaseQueueTable;
  users: UsersTable;
  sessions: SessionsTable;
  case_assignments: CaseAssignmentsTable;
  access_log: AccessLogTable;
};

export type CaseDB = IntakeDB & CaseWorkflowTables;

/** The store's connection, typed with the intake's and the case workflow's tables. */
export function withCaseTables(db: Kysely<DB>): Kysely<CaseDB> {
  return db.withTables<IntakeTables & CaseWorkflowTables>();
}
