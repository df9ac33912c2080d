/**
 * Protected activity: the request is about conduct that human-rights law protects — expression, belief,
 * assembly, association, sexual orientation (ICCPR Arts. 17–22, 26; UN Art. 6(2) says nothing in the
 * Convention permits suppressing these freedoms). Under the UN, Budapest and e-Evidence regimes refusal is
 * discretionary (essential interests, ordre public, fundamental rights); rights-first makes it mandatory.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { jurisdictionFact } from "../law/criminality.ts";
import { isProtectedActivity } from "../request/vocabulary.ts";
import {
  citesSchema,
  GroundEffectSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
} from "./rule.ts";

const settings = z.strictObject({ effect: GroundEffectSchema, cite: citesSchema });
type Settings = z.infer<typeof settings>;

const ID = "protected-activity";

export const protectedActivityRule: Rule<Settings> = {
  id: ID,
  title: "Protected activity",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const protectedConduct = ctx.request.case.conduct.filter(isProtectedActivity);
    if (protectedConduct.length === 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: "None of the alleged conduct is activity protected by human-rights law.",
        }),
      ];
    }
    const requesting = ctx.requesting;
    const facts =
      requesting === undefined
        ? []
        : requesting.protected_activity_laws
            .filter((l) => l.criminalised && protectedConduct.includes(l.conduct))
            .map((l) =>
              jurisdictionFact(
                requesting,
                `${l.statute ?? l.conduct.replaceAll("_", " ")} criminalises it`,
                l,
              ),
            );
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: "fail",
        effect: s.effect,
        explanation: `The alleged conduct includes ${listWords(protectedConduct)}, activity protected by human-rights law${s.effect === "refuse" ? "; cooperation is refused" : "; the requested party may refuse and must weigh it"}.`,
        facts,
      }),
    ];
  },
};
