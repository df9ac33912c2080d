/**
 * The assessment: `lightswitch.assessment/v1`, the output contract of `assess` (issue 2, DESIGN §3).
 * A finding never returns a bare boolean: it explains itself in plain language and cites.
 */
import type { MeasureType } from "../request/vocabulary.ts";

export const ASSESSMENT_FORMAT = "lightswitch.assessment/v1";

/** Verdicts, per measure and overall. */
export const VERDICTS = ["execute", "partial", "refuse", "review", "consult", "incomplete"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const OUTCOMES = ["pass", "fail", "flag", "not_applicable"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * What a finding does to the verdict. `refuse` is a mandatory ground; `review` a discretionary one ("may
 * refuse": a human decides); `consult` asks the states to consult (conflict of law); `incomplete` asks for
 * information; `authorisation` marks the measures as needing independent authorisation; `none` informs.
 */
export const EFFECTS = ["none", "authorisation", "review", "consult", "incomplete", "refuse"] as const;
export type Effect = (typeof EFFECTS)[number];

export interface Citation {
  readonly instrument: string;
  readonly article: string;
  readonly url?: string;
  /** False where the knowledge base has not checked the article's text against the official text. */
  readonly verified?: boolean;
}

/** A knowledge-base fact a finding relied on, with how sure the knowledge base is of it. */
export interface FactReference {
  readonly jurisdiction: string;
  readonly fact: string;
  readonly verified: boolean;
  readonly evidence: "V" | "S" | "UNVERIFIED";
  readonly source?: string;
}

export interface Finding {
  readonly rule: string;
  readonly outcome: Outcome;
  readonly effect: Effect;
  readonly explanation: string;
  readonly citations: readonly Citation[];
  /** The measures (by type) the finding is limited to; absent = the whole request. */
  readonly measures?: readonly MeasureType[];
  readonly facts?: readonly FactReference[];
}

export interface MeasureVerdict {
  readonly type: MeasureType;
  readonly verdict: Verdict;
  readonly requires_authorisation: boolean;
}

export interface NotificationPlan {
  /** Whether the person concerned must be told once secrecy ends. */
  readonly duty: "required" | "discretionary" | "none";
  /** Secrecy the requester asked for, in months (0 = none asked). */
  readonly secrecy_requested_months: number;
  /** Secrecy the profile allows before notice falls due; null = no limit in the instrument. */
  readonly secrecy_allowed_months: number | null;
  readonly explanation: string;
  readonly citations: readonly Citation[];
}

export interface Assessment {
  readonly format: typeof ASSESSMENT_FORMAT;
  readonly request_id: string;
  readonly profile: string;
  readonly knowledge_base: string;
  readonly verdict: Verdict;
  readonly measures: readonly MeasureVerdict[];
  readonly findings: readonly Finding[];
  readonly notification: NotificationPlan;
}
