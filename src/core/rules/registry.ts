/**
 * Every rule, in the order its findings appear in an assessment. A profile decides which apply and how
 * (law/profiles/*.yaml); adding a rule here makes it available to every profile.
 */

import { compelledAssistanceRule } from "./compelled-assistance.ts";
import { completenessRule } from "./completeness.ts";
import { confidentialityRule } from "./confidentiality.ts";
import { conflictOfLawRule } from "./conflict-of-law.ts";
import { dataMinimisationRule } from "./data-minimisation.ts";
import { deathPenaltyRule } from "./death-penalty.ts";
import { dualCriminalityRule } from "./dual-criminality.ts";
import { emergencyRule } from "./emergency.ts";
import { goodFaithRule } from "./good-faith.ts";
import { intentRule } from "./intent.ts";
import { measuresRule } from "./measures.ts";
import { persecutionRule } from "./persecution.ts";
import { politicalOffenceRule } from "./political-offence.ts";
import { protectedActivityRule } from "./protected-activity.ts";
import { scopeRule } from "./scope.ts";
import { treatyStatusRule } from "./treaty-status.ts";

export const RULES = {
  "treaty-status": treatyStatusRule,
  completeness: completenessRule,
  scope: scopeRule,
  intent: intentRule,
  "good-faith": goodFaithRule,
  "protected-activity": protectedActivityRule,
  persecution: persecutionRule,
  "death-penalty": deathPenaltyRule,
  "political-offence": politicalOffenceRule,
  "dual-criminality": dualCriminalityRule,
  measures: measuresRule,
  "data-minimisation": dataMinimisationRule,
  "compelled-assistance": compelledAssistanceRule,
  emergency: emergencyRule,
  confidentiality: confidentialityRule,
  "conflict-of-law": conflictOfLawRule,
} as const;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];
