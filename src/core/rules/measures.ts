/**
 * Measures: which measures the instrument makes available, the penalty thresholds some of them carry, who
 * must have issued or validated the order, and which need independent authorisation before execution.
 * E.g. e-Evidence: traffic and content data only for offences of 3 years or more or listed offences
 * (Art. 5(4)), issued or validated by a judge or court (Art. 4(2)); no real-time interception at all.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import {
  CONDUCT_CATEGORIES,
  MEASURE_TYPES,
  type MeasureType,
  VALIDATOR_KINDS,
} from "../request/vocabulary.ts";
import {
  citesSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
  requestedMeasureTypes,
} from "./rule.ts";

const settings = z.strictObject({
  available: z.array(z.enum(MEASURE_TYPES)).min(1),
  /** Where a measure is not available under the instrument. */
  effect_if_unavailable: z.enum(["refuse", "review"]),
  thresholds: z.array(
    z.strictObject({
      measures: z.array(z.enum(MEASURE_TYPES)).min(1),
      min_max_penalty_months: z.int().min(0),
      /** Conduct for which the threshold does not apply (listed offences). */
      unless_conduct: z.array(z.enum(CONDUCT_CATEGORIES)),
      cite: citesSchema,
    }),
  ),
  /** Who must have issued or validated an order for these measures in the requesting state. */
  issuer: z.array(
    z.strictObject({
      measures: z.array(z.enum(MEASURE_TYPES)).min(1),
      kinds: z.array(z.enum(VALIDATOR_KINDS)).min(1),
      cite: citesSchema,
    }),
  ),
  /** Measures that need independent authorisation in the requested party before execution. */
  authorisation: z.array(z.enum(MEASURE_TYPES)),
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "measures";

export const measuresRule: Rule<Settings> = {
  id: ID,
  title: "Measures, thresholds and authorisation",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request } = ctx;
    const types = requestedMeasureTypes(request);
    const findings: Finding[] = [];

    const unavailable = types.filter((t) => !s.available.includes(t));
    if (unavailable.length > 0) {
      findings.push(
        makeFinding(ID, ctx, s.cite, {
          outcome: "fail",
          effect: s.effect_if_unavailable,
          explanation: `The instrument provides no power to obtain ${listWords(unavailable)}.`,
          measures: unavailable,
        }),
      );
    }

    const maxPenalty = Math.max(...request.case.offences.map((o) => o.max_penalty_months));
    for (const threshold of s.thresholds) {
      const affected = types.filter((t) => threshold.measures.includes(t) && s.available.includes(t));
      if (affected.length === 0) continue;
      const listed = request.case.conduct.filter((c) => threshold.unless_conduct.includes(c));
      const met = maxPenalty >= threshold.min_max_penalty_months || listed.length > 0;
      findings.push(
        makeFinding(ID, ctx, threshold.cite, {
          outcome: met ? "pass" : "fail",
          effect: "refuse",
          explanation: met
            ? `${listWords(affected)}: the threshold is met (${listed.length > 0 ? `listed conduct: ${listWords(listed)}` : `maximum penalty ${maxPenalty} months ≥ ${threshold.min_max_penalty_months}`}).`
            : `${listWords(affected)} may be ordered only for offences punishable by at least ${threshold.min_max_penalty_months} months or for listed offences; the highest maximum penalty alleged is ${maxPenalty} months.`,
          measures: affected,
        }),
      );
    }

    const kindsSeen = new Set<string>([request.requesting.kind, request.requesting.validated_by?.kind ?? ""]);
    for (const rule of s.issuer) {
      const affected = types.filter((t) => rule.measures.includes(t) && s.available.includes(t));
      if (affected.length === 0) continue;
      const ok = rule.kinds.some((k) => kindsSeen.has(k));
      findings.push(
        makeFinding(ID, ctx, rule.cite, {
          outcome: ok ? "pass" : "fail",
          effect: "incomplete",
          explanation: ok
            ? `${listWords(affected)}: the order was issued or validated by a ${listWords(rule.kinds.filter((k) => kindsSeen.has(k)))}.`
            : `${listWords(affected)} must be issued or validated by a ${rule.kinds.join(" or ")}; this order was issued by a ${request.requesting.kind.replaceAll("_", " ")}${request.requesting.validated_by ? ` and validated by a ${request.requesting.validated_by.kind}` : " without validation"}.`,
          measures: affected,
        }),
      );
    }

    const needAuthorisation: MeasureType[] = types.filter(
      (t) => s.authorisation.includes(t) && s.available.includes(t),
    );
    if (needAuthorisation.length > 0) {
      findings.push(
        makeFinding(ID, ctx, s.cite, {
          outcome: "flag",
          effect: "authorisation",
          explanation: `${listWords(needAuthorisation)} must be authorised by an independent authority (a judge) before execution.`,
          measures: needAuthorisation,
        }),
      );
    }
    if (findings.length === 0) {
      findings.push(
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: `${listWords(types)} ${types.length === 1 ? "is" : "are"} available without further conditions.`,
        }),
      );
    }
    return findings;
  },
};
