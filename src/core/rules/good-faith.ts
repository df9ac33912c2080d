/**
 * Good faith: security research, journalism and whistleblowing done in good faith are not crimes to
 * cooperate on. The conventions know only a narrow version — no liability for misuse of devices where the
 * purpose is authorised testing or protection of a system (UN Art. 11(2); Budapest Art. 6(2)); rights-first
 * exempts the activity itself, recognised by the conduct alleged or by who the person is.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import type { ConductCategory, SubjectAttribute } from "../request/vocabulary.ts";
import {
  citesSchema,
  GroundEffectSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
} from "./rule.ts";

const settings = z.strictObject({
  /** Where the alleged conduct is itself good-faith activity. */
  effect_by_conduct: GroundEffectSchema,
  /**
   * Where a targeted person is a journalist, security researcher or whistleblower. If the requester
   * alleges dishonest or criminal intent the ground becomes discretionary: a human must weigh whether the
   * activity was in good faith.
   */
  effect_by_attribute: GroundEffectSchema,
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "good-faith";
const GOOD_FAITH_CONDUCT: readonly ConductCategory[] = ["security_research", "journalism", "whistleblowing"];
const GOOD_FAITH_ATTRIBUTES: readonly SubjectAttribute[] = [
  "journalist",
  "security_researcher",
  "whistleblower",
];
const TARGET_ROLES = new Set(["suspect", "accused", "account_holder"]);

export const goodFaithRule: Rule<Settings> = {
  id: ID,
  title: "Good-faith research, journalism and whistleblowing",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request } = ctx;
    const conduct = request.case.conduct.filter((c) => GOOD_FAITH_CONDUCT.includes(c));
    if (conduct.length > 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "fail",
          effect: s.effect_by_conduct,
          explanation: `The alleged conduct is ${listWords(conduct)}, activity exempt when done in good faith.`,
        }),
      ];
    }
    const attributes = [
      ...new Set(
        request.subjects
          .filter((subject) => TARGET_ROLES.has(subject.role))
          .flatMap((subject) => subject.attributes ?? [])
          .filter((a) => GOOD_FAITH_ATTRIBUTES.includes(a)),
      ),
    ];
    if (attributes.length > 0) {
      const allegedCriminal = request.case.intent_alleged === "dishonest_or_criminal";
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "fail",
          effect: allegedCriminal ? "review" : s.effect_by_attribute,
          explanation: allegedCriminal
            ? `A person targeted is a ${listWords(attributes)}; the requester alleges dishonest or criminal intent, so a reviewer must decide whether the activity was in good faith.`
            : `A person targeted is a ${listWords(attributes)} and no dishonest or criminal intent is alleged: the activity is presumed to be in good faith.`,
        }),
      ];
    }
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: "pass",
        effect: "none",
        explanation:
          "Neither the conduct nor the persons concerned point to good-faith research, journalism or whistleblowing.",
      }),
    ];
  },
};
