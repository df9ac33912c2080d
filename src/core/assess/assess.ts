/**
 * `assess(request, profile, kb)`: pure and deterministic — the same inputs give the same bytes. Runs the
 * profile's rules in registry order and derives per-measure and overall verdicts from the findings.
 */
import type { KnowledgeBase } from "../law/knowledge-base.ts";
import type { Profile } from "../profiles/profile-schema.ts";
import type { Request } from "../request/request-schema.ts";
import type { MeasureType } from "../request/vocabulary.ts";
import { planNotification } from "../rules/confidentiality.ts";
import { RULE_IDS, RULES } from "../rules/registry.ts";
import type { Rule, RuleContext } from "../rules/rule.ts";
import { requestedMeasureTypes } from "../rules/rule.ts";
import {
  ASSESSMENT_FORMAT,
  type Assessment,
  type Effect,
  type Finding,
  type MeasureVerdict,
  type Verdict,
} from "./assessment.ts";

/** How strongly an effect weighs on a measure: the strongest decides its verdict. */
const SEVERITY: Record<Effect, number> = {
  none: 0,
  authorisation: 0,
  review: 1,
  consult: 2,
  incomplete: 3,
  refuse: 4,
};
const VERDICT_OF: Record<number, Verdict> = {
  0: "execute",
  1: "review",
  2: "consult",
  3: "incomplete",
  4: "refuse",
};

export function assessRequest(request: Request, profile: Profile, kb: KnowledgeBase): Assessment {
  const ctx: RuleContext = {
    request,
    instrument: profile.instrument,
    kb,
    requesting: kb.jurisdictions.get(request.requesting.state),
    requested: kb.jurisdictions.get(request.requested.state),
  };
  const findings: Finding[] = [];
  for (const id of RULE_IDS) {
    const settings = profile.rules[id];
    if (settings === undefined) continue;
    const rule = RULES[id] as unknown as Rule<typeof settings>;
    findings.push(...rule.evaluate(ctx, settings));
  }
  const measures = measureVerdicts(requestedMeasureTypes(request), findings);
  return {
    format: ASSESSMENT_FORMAT,
    request_id: request.id,
    profile: profile.id,
    knowledge_base: kb.version,
    verdict: overallVerdict(measures),
    measures,
    findings,
    notification: planNotification(request, kb, profile.rules.confidentiality),
  };
}

function measureVerdicts(types: readonly MeasureType[], findings: readonly Finding[]): MeasureVerdict[] {
  return types.map((type) => {
    let severity = 0;
    let requiresAuthorisation = false;
    for (const f of findings) {
      if (f.measures !== undefined && !f.measures.includes(type)) continue;
      severity = Math.max(severity, SEVERITY[f.effect]);
      if (f.effect === "authorisation") requiresAuthorisation = true;
    }
    return { type, verdict: VERDICT_OF[severity] ?? "review", requires_authorisation: requiresAuthorisation };
  });
}

/**
 * All measures refused → refuse. Otherwise the strongest verdict among the measures not refused decides;
 * if that is `execute` while some measures were refused, the request is executed in part (`partial`).
 */
export function overallVerdict(measures: readonly MeasureVerdict[]): Verdict {
  const remaining = measures.filter((m) => m.verdict !== "refuse");
  if (remaining.length === 0) return "refuse";
  let severity = 0;
  for (const m of remaining) severity = Math.max(severity, SEVERITY[verdictEffect(m.verdict)]);
  const verdict = VERDICT_OF[severity] ?? "review";
  return verdict === "execute" && remaining.length < measures.length ? "partial" : verdict;
}

function verdictEffect(verdict: Verdict): Effect {
  switch (verdict) {
    case "execute":
    case "partial":
      return "none";
    case "review":
      return "review";
    case "consult":
      return "consult";
    case "incomplete":
      return "incomplete";
    case "refuse":
      return "refuse";
  }
}
