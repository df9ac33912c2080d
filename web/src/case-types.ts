/**
 * The shapes the case workers' pages read from the case API (src/http/v1/cases/cases.types.ts,
 * src/http/auth/sessions.types.ts, src/http/v1/users/users.types.ts, src/http/v1/intake-journal.types.ts).
 * The server's core types stay on the server: the console is built separately and reads JSON.
 */
import type { Assessment, Verdict } from "./simulation-types.ts";

export const ROLES = ["case_worker", "authoriser", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

// The lists the console shares with the server come from the pure core (they import nothing that runs),
// so a stage or kind added there cannot be missing here.
export { CASE_STAGES, type CaseStage } from "../../src/core/case/case-state.ts";

import type { CaseStage } from "../../src/core/case/case-state.ts";

/** The commands of src/core/case/case-commands.ts, in the order the case page offers them. */
export const COMMAND_KINDS = [
  "start_review",
  "decide",
  "request_info",
  "record_info",
  "open_consultation",
  "close_consultation",
  "authorise",
  "deny_authorisation",
  "record_execution",
  "record_delivery",
  "seal",
  "extend_secrecy",
  "end_proceedings",
  "end_secrecy",
  "notify",
  "close",
] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

export interface User {
  readonly user_id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly created_at: string;
  readonly disabled: boolean;
}

export interface Session {
  readonly token: string;
  readonly expires_at: string;
  readonly user: User;
}

export interface QueueEntry {
  readonly case_id: string;
  readonly stage: CaseStage;
  readonly verdict: Verdict | null;
  readonly requesting_state: string;
  readonly profile: string;
  readonly emergency: boolean;
  readonly deadline: string | null;
  readonly overdue: boolean;
  readonly received_at: string;
  readonly updated_at: string;
  readonly version: number;
}

export type Actor =
  | { readonly kind: "user"; readonly user_id: string; readonly role: Role }
  | { readonly kind: "system"; readonly component: "intake" | "assessor" | "scheduler" };

export interface TimelineEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor: Actor;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The id of the event's public record in the log. */
  readonly event_id: string;
  /** Its entry in the log; null while it waits to be appended. */
  readonly log_index: number | null;
}

/** `lightswitch.request/v1` as the case page shows it; read defensively (optional parts may be absent). */
export interface CaseRequest {
  readonly id: string;
  readonly issued_at: string;
  readonly requesting: {
    readonly state: string;
    readonly authority: string;
    readonly authority_id: string;
    readonly kind: string;
    readonly validated_by?: { readonly authority: string; readonly kind: string };
  };
  readonly requested: {
    readonly state: string;
    readonly party: string;
    readonly provider?: string;
    readonly provider_state?: string;
  };
  readonly legal_basis: { readonly instrument: string; readonly articles?: readonly string[] };
  readonly case: {
    readonly reference: string;
    readonly stage: string;
    readonly offences: readonly {
      readonly title: string;
      readonly statute: string;
      readonly max_penalty_months: number;
    }[];
    readonly conduct: readonly string[];
    readonly facts: string;
    readonly intent_alleged: string;
  };
  readonly subjects: readonly {
    readonly role: string;
    readonly identifiers: readonly { readonly type: string; readonly value: string }[];
    readonly nationality?: string;
    readonly location?: string;
    readonly attributes?: readonly string[];
  }[];
  readonly measures: readonly {
    readonly type: string;
    readonly from?: string;
    readonly to?: string;
    readonly details?: string;
  }[];
  readonly urgency?: {
    readonly emergency: boolean;
    readonly threat: string;
    readonly explanation: string;
    readonly respond_by?: string;
  };
  readonly confidentiality?: {
    readonly requested: boolean;
    readonly months: number;
    readonly justification: string;
  };
}

export interface CaseDetail {
  readonly case_id: string;
  readonly stage: CaseStage;
  readonly version: number;
  readonly emergency: boolean;
  readonly assessor_verdict: Verdict | null;
  readonly deadline: { readonly due: string | null; readonly basis: string; readonly overdue: boolean };
  readonly secrecy: { readonly sealed_since: string | null; readonly sealed_until: string | null };
  readonly request: CaseRequest;
  readonly assessment: Assessment;
  readonly timeline: readonly TimelineEvent[];
  readonly available_actions: readonly CommandKind[];
  readonly assignees: readonly string[];
}

export interface CommandResult {
  readonly case_id: string;
  readonly stage: CaseStage;
  readonly version: number;
  readonly log_indexes: readonly number[];
  readonly available_actions: readonly CommandKind[];
}

export interface AccessLogEntry {
  readonly seq: number;
  readonly at: string;
  readonly user_id: string;
  readonly role: Role;
  readonly case_id: string;
  readonly fields: readonly string[];
  readonly purpose: string;
}

export interface Override {
  readonly case_id: string;
  readonly at: string;
  readonly actor: Actor;
  readonly decision: "approve" | "refuse";
  readonly assessor_verdict: string | null;
  readonly reason: string;
  readonly grounds: readonly string[];
}

export interface JournalEntry {
  readonly seq: number;
  readonly received_at: string;
  readonly authority_id: string | null;
  readonly request_id: string | null;
  readonly outcome: "accepted" | "replayed" | "rejected";
  readonly reason: string;
  readonly status: number;
  readonly body_sha256: string;
  readonly body_size: number;
  readonly case_id: string | null;
}

export interface ProfileSummary {
  readonly id: string;
  readonly title: string;
  readonly instrument: string | null;
  readonly description: string;
}

export { AUTHORITY_KINDS } from "../../src/core/request/vocabulary.ts";

/** A requesting authority in the key directory (`GET /v1/authorities`). */
export interface Authority {
  readonly id: string;
  readonly state: string;
  readonly kind: string;
  readonly name: string;
  readonly createdAt: string;
  readonly status: "active" | "revoked";
  readonly keys: readonly {
    readonly publicKey: string;
    readonly addedAt: string;
    readonly revokedAt: string | null;
  }[];
}
