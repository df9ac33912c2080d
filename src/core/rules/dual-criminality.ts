/**
 * Dual criminality, judged on conduct, not on the names of offences: it is met where the underlying
 * conduct is a crime in both states (Budapest Art. 25(5); UN Art. 35(2) — unverified). Mandatory under
 * rights-first; a discretionary ground elsewhere (UNTOC Art. 18(9) model; e-Evidence Art. 12(1)(d) with
 * its Annex IV exception). Not required for preservation under Budapest Art. 29(3).
 */
import { z } from "zod";
import type { FactReference, Finding } from "../assess/assessment.ts";
import { criminalises } from "../law/criminality.ts";
import { isProtectedActivity, MEASURE_TYPES, type MeasureType } from "../request/vocabulary.ts";
import {
  citesSchema,
  GroundEffectSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
  requestedMeasureTypes,
} from "./rule.ts";

const settings = z.strictObject({
  /** Where the conduct is not a crime in the requested state. */
  effect: GroundEffectSchema,
  /** Where the knowledge base cannot tell. */
  effect_if_unknown: z.enum(["review", "none"]),
  /** Measures for which dual criminality is not required (e.g. preservation, Budapest Art. 29(3)). */
  exempt_measures: z.array(z.enum(MEASURE_TYPES)),
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "dual-criminality";

export const dualCriminalityRule: Rule<Settings> = {
  id: ID,
  title: "Dual criminality (on conduct)",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request, requested } = ctx;
    const measures: MeasureType[] = requestedMeasureTypes(request).filter(
      (m) => !s.exempt_measures.includes(m),
    );
    if (measures.length === 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "not_applicable",
          effect: "none",
          explanation: `Dual criminality is not required for ${listWords(requestedMeasureTypes(request))}.`,
        }),
      ];
    }
    const state = request.requested.state;
    if (requested === undefined) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "flag",
          effect: s.effect_if_unknown,
          explanation: `${state} is not in the knowledge base; whether the conduct is a crime there must be checked by hand.`,
          measures,
        }),
      ];
    }
    const criminal: string[] = [];
    const notCriminal: string[] = [];
    const unknown: string[] = [];
    const facts: FactReference[] = [];
    for (const conduct of request.case.conduct) {
      const answer = criminalises(requested, conduct);
      facts.push(...answer.facts);
      if (answer.status === "criminal") criminal.push(conduct);
      else if (answer.status === "not_criminal") notCriminal.push(conduct);
      else unknown.push(conduct);
    }
    // Conduct that is protected activity does not make the request's other conduct criminal or not;
    // dual criminality is met where some non-protected conduct alleged is a crime in the requested state.
    const criminalOrdinary = criminal.filter((c) => !isProtectedActivity(c as never));
    const criminalProtected = criminal.filter((c) => isProtectedActivity(c as never));
    if (criminalOrdinary.length > 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: `The conduct alleged (${listWords(criminalOrdinary)}) is also a crime in ${requested.name}.`,
          measures,
          facts,
        }),
      ];
    }
    if (unknown.length > 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "flag",
          effect: s.effect_if_unknown,
          explanation: `The knowledge base does not show whether ${listWords(unknown)} is a crime in ${requested.name}; check before executing.`,
          measures,
          facts,
        }),
      ];
    }
    if (criminalProtected.length > 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: `${requested.name} also criminalises ${listWords(criminalProtected)}, so dual criminality is formally met (the protected-activity rule weighs this conduct).`,
          measures,
          facts,
        }),
      ];
    }
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: "fail",
        effect: s.effect,
        explanation: `The conduct alleged (${listWords(notCriminal)}) is not a crime in ${requested.name}.`,
        measures,
        facts,
      }),
    ];
  },
};
