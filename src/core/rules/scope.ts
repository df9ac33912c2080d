/**
 * Scope: whether the instrument covers cooperation for this conduct at all. The UN Convention covers its
 * own offences and electronic evidence of any "serious crime" — four years or more (Arts. 2(h), 35(1)(c));
 * the Budapest Convention any criminal offence (Art. 23); rights-first only the listed cybercrimes, as
 * the Convention's critics ask. Outside scope the instrument gives no basis for assistance.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { CONDUCT_CATEGORIES } from "../request/vocabulary.ts";
import {
  citesSchema,
  GroundEffectSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
} from "./rule.ts";

const settings = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("listed_conduct"),
    listed_conduct: z.array(z.enum(CONDUCT_CATEGORIES)).min(1),
    effect: GroundEffectSchema,
    cite: citesSchema,
  }),
  z.strictObject({
    kind: z.literal("serious_crime"),
    listed_conduct: z.array(z.enum(CONDUCT_CATEGORIES)).min(1),
    serious_crime_min_months: z.int().min(1),
    effect: GroundEffectSchema,
    cite: citesSchema,
  }),
  z.strictObject({ kind: z.literal("any_offence"), cite: citesSchema }),
]);
type Settings = z.infer<typeof settings>;

const ID = "scope";

export const scopeRule: Rule<Settings> = {
  id: ID,
  title: "Scope of the instrument",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request } = ctx;
    switch (s.kind) {
      case "any_offence":
        return [
          makeFinding(ID, ctx, s.cite, {
            outcome: "pass",
            effect: "none",
            explanation: "The instrument covers electronic evidence of any criminal offence.",
          }),
        ];
      case "listed_conduct": {
        const listed = request.case.conduct.filter((c) => s.listed_conduct.includes(c));
        return [
          makeFinding(ID, ctx, s.cite, {
            outcome: listed.length > 0 ? "pass" : "fail",
            effect: s.effect,
            explanation:
              listed.length > 0
                ? `The alleged conduct includes ${listWords(listed)}, a listed cybercrime.`
                : `None of the alleged conduct (${listWords(request.case.conduct)}) is a listed cybercrime; cooperation is limited to those.`,
          }),
        ];
      }
      case "serious_crime": {
        const listed = request.case.conduct.filter((c) => s.listed_conduct.includes(c));
        const maxPenalty = Math.max(...request.case.offences.map((o) => o.max_penalty_months));
        const serious = maxPenalty >= s.serious_crime_min_months;
        const inScope = listed.length > 0 || serious;
        const reasons: string[] = [];
        if (listed.length > 0)
          reasons.push(`the conduct includes ${listWords(listed)}, an offence the instrument establishes`);
        if (serious)
          reasons.push(
            `an offence carries up to ${maxPenalty} months, a "serious crime" (${s.serious_crime_min_months} months or more) whatever its subject`,
          );
        return [
          makeFinding(ID, ctx, s.cite, {
            outcome: inScope ? "pass" : "fail",
            effect: s.effect,
            explanation: inScope
              ? `In scope: ${reasons.join("; and ")}.`
              : `Out of scope: no offence the instrument establishes, and the highest maximum penalty (${maxPenalty} months) is below the serious-crime threshold of ${s.serious_crime_min_months} months.`,
          }),
        ];
      }
    }
  },
};
