/**
 * Row types of the case service's tables (migration 0003-intake-tables), added to the store's `DB`
 * with Kysely's `withTables` so the store's own schema file stays the log team's. Times are epoch ms.
 */
import type { Generated, Kysely } from "kysely";
import type { DB } from "../store/schema.ts";

export interface AuthoritiesTable {
  id: string;
  state: string;
  kind: string;
  name: string;
  created_at: number;
}

/** Every key an authority ever had; at most one has `revoked_at` null (the active one). */
export interface AuthorityKeysTable {
  authority_id: string;
  /** base64url of the raw 32-byte Ed25519 public key. */
  public_key: string;
  added_at: number;
  revoked_at: number | null;
}

/**
 * One received, authenticated request; (authority_id, request_id) is unique. Its log index is not
 * stored twice: the log maps the event id `<case_id>/received` to it.
 */
export interface CasesTable {
  case_id: string;
  authority_id: string;
  request_id: string;
  /** Hex SHA-256 of the request's RFC 8785 canonical JSON: same id + same hash is a replay. */
  request_sha256: string;
  request_json: string;
  signature: string;
  /** Hex salt of the public commitment SHA-256(salt ‖ canonical request); given to the person notified. */
  commitment_salt: string;
  profile: string;
  verdict: string;
  assessment_json: string;
  received_at: number;
}

/** Every submission to `POST /v1/requests`, accepted or not, in arrival order. */
export interface IntakeJournalTable {
  seq: Generated<number>;
  received_at: number;
  /** The key id claimed in the signature header (or the request's authority id when unsigned), if any. */
  authority_id: string | null;
  request_id: string | null;
  outcome: "accepted" | "replayed" | "rejected";
  /** `accepted`, `replayed` or a RejectionReason. */
  reason: string;
  status: number;
  body_sha256: string;
  body_size: number;
  case_id: string | null;
}

// A type alias, not an interface: `withTables` needs an index-signature-compatible record.
export type IntakeTables = {
  authorities: AuthoritiesTable;
  authority_keys: AuthorityKeysTable;
  cases: CasesTable;
  intake_journal: IntakeJournalTable;
};

export type IntakeDB = DB & IntakeTables;

/** The store's connection, typed with the case service's tables too. */
export function withIntakeTables(db: Kysely<DB>): Kysely<IntakeDB> {
  return db.withTables<IntakeTables>();
}

/** Whether `error` is a unique/primary-key violation on either dialect (a concurrent duplicate insert). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
