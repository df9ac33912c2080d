/**
 * Compelled assistance: ordering a person who knows how a system or its protective measures work to help
 * access it (UN Art. 28(4) — paragraph number unverified; Budapest Art. 19(4)). Critics warn it allows
 * secretly compelling engineers to defeat their own employer's security. Under rights-first it is refused
 * unless a judge authorised it, and even then it is executed only after the employer has been told.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { citesSchema, makeFinding, type Rule, type RuleContext } from "./rule.ts";

const settings = z.discriminatedUnion("policy", [
  /** The instrument allows it; the finding flags what it means. */
  z.strictObject({ policy: z.literal("allowed"), cite: citesSchema }),
  /** Only with judicial authorisation and notice to the employer. */
  z.strictObject({ policy: z.literal("judge_and_employer_notice"), cite: citesSchema }),
]);
type Settings = z.infer<typeof settings>;

const ID = "compelled-assistance";
const JUDICIAL = new Set(["judge", "court"]);

export const compelledAssistanceRule: Rule<Settings> = {
  id: ID,
  title: "Compelled assistance of a person",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request } = ctx;
    if (!request.measures.some((m) => m.type === "compelled_assistance")) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "not_applicable",
          effect: "none",
          explanation: "No person is to be compelled to assist.",
        }),
      ];
    }
    switch (s.policy) {
      case "allowed":
        return [
          makeFinding(ID, ctx, s.cite, {
            outcome: "flag",
            effect: "none",
            explanation:
              "The instrument lets authorities order a person who knows the system to help access it; nothing requires that the person's employer be told.",
            measures: ["compelled_assistance"],
          }),
        ];
      case "judge_and_employer_notice": {
        const judicial =
          JUDICIAL.has(request.requesting.kind) ||
          (request.requesting.validated_by !== undefined &&
            JUDICIAL.has(request.requesting.validated_by.kind));
        return [
          makeFinding(ID, ctx, s.cite, {
            outcome: "fail",
            effect: judicial ? "authorisation" : "refuse",
            explanation: judicial
              ? "Compelled assistance was ordered by a judge; it still needs authorisation here, and may be executed only after the person's employer has been told."
              : "Compelling a person to help access a system is refused unless a judge authorises it and the employer is told; no judge issued or validated this order.",
            measures: ["compelled_assistance"],
          }),
        ];
      }
    }
  },
};
