/**
 * Emergency validity: the fast path is for a significant and imminent risk to the life or safety of a
 * person (UN Art. 2 definition; Budapest 2AP Art. 9; e-Evidence Art. 3(18) also names critical
 * infrastructure — unverified). Forged emergency requests from hijacked police accounts are a documented
 * attack (legal research §4.4), so a thin or off-definition emergency goes to a human.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { THREATS } from "../request/vocabulary.ts";
import { citesSchema, makeFinding, type Rule, type RuleContext } from "./rule.ts";

const settings = z.strictObject({
  /** Threats that qualify as an emergency under the instrument. */
  qualifying_threats: z.array(z.enum(THREATS)).min(1),
  /** An explanation shorter than this cannot show an imminent risk. */
  min_explanation_chars: z.int().min(1),
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "emergency";

export const emergencyRule: Rule<Settings> = {
  id: ID,
  title: "Emergency validity",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const urgency = ctx.request.urgency;
    if (urgency === undefined || !urgency.emergency) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "not_applicable",
          effect: "none",
          explanation: "The request does not claim an emergency.",
        }),
      ];
    }
    const problems: string[] = [];
    if (!s.qualifying_threats.includes(urgency.threat)) {
      problems.push(
        `the threat named ("${urgency.threat.replaceAll("_", " ")}") is not an emergency under the instrument`,
      );
    }
    if (urgency.explanation.trim().length < s.min_explanation_chars) {
      problems.push("the explanation is too thin to show an imminent risk");
    }
    if (ctx.request.requesting.kind === "police" || ctx.request.requesting.kind === "other") {
      problems.push(
        "it comes from a police or other authority: confirm it through a known 24/7 contact point before answering",
      );
    }
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: problems.length === 0 ? "pass" : "fail",
        effect: "review",
        explanation:
          problems.length === 0
            ? "The emergency is of a kind the instrument recognises and is explained."
            : `The emergency claim needs checking: ${problems.join("; ")}.`,
      }),
    ];
  },
};
