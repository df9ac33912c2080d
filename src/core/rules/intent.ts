/**
 * Intent (mens rea): the mental element alleged must meet the one the profile requires. The conventions'
 * offences need conduct committed "intentionally and without right" (UN Arts. 7–16; Budapest Arts. 2–10);
 * rights-first requires dishonest or criminal intent, as the critics ask, so that good-faith access is not
 * a crime.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { CONDUCT_CATEGORIES, isProtectedActivity } from "../request/vocabulary.ts";
import { citesSchema, GroundEffectSchema, makeFinding, type Rule, type RuleContext } from "./rule.ts";

const settings = z.strictObject({
  required: z.enum(["dishonest_or_criminal", "intentional"]),
  /**
   * Where set, dishonest or criminal intent is required only when every ordinary crime alleged is one of
   * these (the access and interference offences where good-faith research is at stake); otherwise intent
   * suffices, as for child sexual abuse material, where intentional conduct is itself criminal.
   */
  only_for: z.array(z.enum(CONDUCT_CATEGORIES)).optional(),
  effect: GroundEffectSchema,
  /** Where the requester did not state the mental element at all. */
  effect_if_not_stated: z.enum(["refuse", "review", "incomplete"]),
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "intent";
const RANK = { not_stated: 0, intentional: 1, dishonest_or_criminal: 2 } as const;

export const intentRule: Rule<Settings> = {
  id: ID,
  title: "Mental element (mens rea)",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const alleged = ctx.request.case.intent_alleged;
    const ordinary = ctx.request.case.conduct.filter((c) => !isProtectedActivity(c));
    if (ordinary.length === 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "not_applicable",
          effect: "none",
          explanation:
            "All the conduct alleged is protected activity; the mental element is not what decides this request.",
        }),
      ];
    }
    const required =
      s.required === "dishonest_or_criminal" &&
      s.only_for !== undefined &&
      ordinary.some((c) => !(s.only_for as readonly string[]).includes(c))
        ? "intentional"
        : s.required;
    if (alleged === "not_stated") {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "fail",
          effect: s.effect_if_not_stated,
          explanation: `The request does not state the mental element; ${required === "dishonest_or_criminal" ? "dishonest or criminal intent" : "intent"} is required.`,
        }),
      ];
    }
    const met = RANK[alleged] >= RANK[required];
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: met ? "pass" : "fail",
        effect: s.effect,
        explanation: met
          ? `The requester alleges ${alleged === "intentional" ? "intentional conduct" : "dishonest or criminal intent"}, which meets the required mental element.`
          : "The requester alleges only intentional conduct; dishonest or criminal intent is required, so conduct in good faith (such as reporting a flaw) is not covered.",
      }),
    ];
  },
};
