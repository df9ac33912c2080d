/** The state of a case, derived by folding its events in order (never stored on its own). */
import type { MeasureVerdict, Verdict } from "../assess/assessment.ts";
import type { CaseEvent } from "./case-events.ts";

export const CASE_STAGES = [
  "received",
  "assessed",
  "in_review",
  "awaiting_authorisation",
  "approved",
  "refused",
  "info_requested",
  "in_consultation",
  "executed",
  "delivered",
  "sealed",
  "notification_due",
  "notified",
  "closed",
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Stages in which the requested party still owes an answer, so a deadline can be missed. */
export const OPEN_STAGES: ReadonlySet<CaseStage> = new Set<CaseStage>([
  "received",
  "assessed",
  "in_review",
  "awaiting_authorisation",
  "approved",
  "info_requested",
  "in_consultation",
]);

export interface CaseState {
  readonly stage: CaseStage;
  readonly receivedAt: string;
  readonly emergency: boolean;
  readonly assessorVerdict: Verdict | null;
  readonly measures: readonly MeasureVerdict[];
  readonly deadline: string | null;
  readonly deadlineBasis: string;
  /** Longest secrecy the profile allows (months), null where it sets none. */
  readonly maxSecrecyMonths: number | null;
  readonly authorised: boolean;
  readonly sealedSince: string | null;
  readonly sealedUntil: string | null;
  readonly proceedingsEnded: "adjudicated" | "abandoned" | null;
  readonly packageSha256: string | null;
  readonly overrides: number;
  readonly eventCount: number;
}

const INITIAL: CaseState = {
  stage: "received",
  receivedAt: "",
  emergency: false,
  assessorVerdict: null,
  measures: [],
  deadline: null,
  deadlineBasis: "",
  maxSecrecyMonths: null,
  authorised: false,
  sealedSince: null,
  sealedUntil: null,
  proceedingsEnded: null,
  packageSha256: null,
  overrides: 0,
  eventCount: 0,
};

/** Whether any measure the assessor let through still needs an independent authoriser. */
export function needsAuthorisation(state: CaseState): boolean {
  return !state.authorised && state.measures.some((m) => m.requires_authorisation && m.verdict !== "refuse");
}

function apply(state: CaseState, event: CaseEvent): CaseState {
  const next = { ...state, eventCount: state.eventCount + 1 };
  switch (event.type) {
    case "received":
      return { ...next, stage: "received", receivedAt: event.at, emergency: event.payload.emergency };
    case "assessed":
      return {
        ...next,
        stage: "assessed",
        assessorVerdict: event.payload.verdict,
        measures: event.payload.measures,
        deadline: event.payload.deadline,
        deadlineBasis: event.payload.deadline_basis,
        maxSecrecyMonths: event.payload.max_secrecy_months,
      };
    case "review_started":
      return { ...next, stage: "in_review" };
    case "decided": {
      const overrides = state.overrides + (event.payload.against_assessor ? 1 : 0);
      if (event.payload.decision === "refuse") return { ...next, stage: "refused", overrides };
      return { ...next, stage: needsAuthorisation(state) ? "awaiting_authorisation" : "approved", overrides };
    }
    case "authorised":
      return { ...next, stage: "approved", authorised: true };
    case "authorisation_denied":
      return { ...next, stage: "refused" };
    case "info_requested":
      return { ...next, stage: "info_requested" };
    case "info_received":
      return { ...next, stage: "in_review" };
    case "consultation_opened":
      return { ...next, stage: "in_consultation" };
    case "consultation_closed":
      return { ...next, stage: event.payload.outcome === "refuse" ? "refused" : "in_review" };
    case "executed":
      return { ...next, stage: "executed", packageSha256: event.payload.package_sha256 };
    case "delivered":
      return { ...next, stage: "delivered" };
    case "sealed":
      return {
        ...next,
        stage: "sealed",
        sealedSince: event.at.slice(0, 10),
        sealedUntil: event.payload.until,
      };
    case "secrecy_extended":
      return { ...next, sealedUntil: event.payload.until };
    case "secrecy_ended":
      return { ...next, stage: "notification_due" };
    case "proceedings_ended":
      return { ...next, proceedingsEnded: event.payload.outcome };
    case "notified":
      return { ...next, stage: "notified" };
    case "closed":
      return { ...next, stage: "closed" };
  }
}

/** Folds a case's events into its state. */
export function caseState(events: readonly CaseEvent[]): CaseState {
  return events.reduce(apply, INITIAL);
}

/** Whether the answer is overdue at `now` (ISO instant). */
export function isOverdue(state: CaseState, now: string): boolean {
  return (
    state.deadline !== null && OPEN_STAGES.has(state.stage) && Date.parse(now) > Date.parse(state.deadline)
  );
}
