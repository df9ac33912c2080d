/**
 * Confidentiality and notification: how long the person concerned may be kept in the dark, and whether
 * they must be told afterwards. The conventions let the requesting state ask for confidentiality without
 * a limit and impose no duty to tell the person (UNTOC Art. 18(20) model; Budapest Art. 27(8)); e-Evidence
 * requires the issuing authority to inform the person, delay allowed with reasons (Art. 13); rights-first
 * limits secrecy and always ends it in notice.
 */
import { z } from "zod";
import type { Finding, NotificationPlan } from "../assess/assessment.ts";
import type { KnowledgeBase } from "../law/knowledge-base.ts";
import type { Request } from "../request/request-schema.ts";
import { citesSchema, makeFinding, type Rule, type RuleContext, resolveCitations } from "./rule.ts";

const settings = z.strictObject({
  /** Longest secrecy allowed before notice falls due; null = no limit in the instrument. */
  max_months: z.union([z.int().min(0), z.null()]),
  notification: z.enum(["required", "discretionary", "none"]),
  /** Whether a request for secrecy must be justified. */
  require_justification: z.boolean(),
  cite: citesSchema,
});
export type ConfidentialitySettings = z.infer<typeof settings>;

const ID = "confidentiality";

/** The notification plan an assessment carries, from the profile's confidentiality settings. */
export function planNotification(
  request: Request,
  kb: KnowledgeBase,
  s: ConfidentialitySettings | undefined,
): NotificationPlan {
  const asked = request.confidentiality?.requested === true ? request.confidentiality.months : 0;
  if (s === undefined) {
    return {
      duty: "none",
      secrecy_requested_months: asked,
      secrecy_allowed_months: null,
      explanation: "The profile sets no secrecy limit and no duty to notify.",
      citations: [],
    };
  }
  const allowed = s.max_months === null ? null : Math.min(asked, s.max_months);
  const when =
    s.notification === "required"
      ? `The person concerned must be told once secrecy ends${allowed === null ? "" : `, at the latest after ${allowed} months`}, or at once when the case is decided or dropped.`
      : s.notification === "discretionary"
        ? "The person concerned is to be told, but notice may be delayed, restricted or omitted with reasons recorded."
        : "Nothing obliges anyone to tell the person concerned, ever.";
  return {
    duty: s.notification,
    secrecy_requested_months: asked,
    secrecy_allowed_months: allowed,
    explanation: when,
    citations: resolveCitations(kb, s.cite),
  };
}

export const confidentialityRule: Rule<ConfidentialitySettings> = {
  id: ID,
  title: "Confidentiality and notice to the person",
  settings,
  evaluate(ctx: RuleContext, s: ConfidentialitySettings): Finding[] {
    const c = ctx.request.confidentiality;
    if (c === undefined || !c.requested) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: s.notification === "none" ? "flag" : "pass",
          effect: "none",
          explanation:
            s.notification === "none"
              ? "No secrecy is asked, but nothing obliges anyone to tell the person concerned."
              : "No secrecy is asked; the person concerned can be told.",
        }),
      ];
    }
    const problems: string[] = [];
    if (s.max_months !== null && c.months > s.max_months) {
      problems.push(
        `${c.months} months of secrecy are asked; at most ${s.max_months} are allowed, after which the person is told`,
      );
    }
    if (s.require_justification && c.justification.trim().length === 0) {
      problems.push("secrecy is asked without a justification");
    }
    if (s.notification === "none") {
      problems.push("the instrument sets no end to secrecy and no duty to tell the person");
    }
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: problems.length === 0 ? "pass" : "flag",
        effect: s.require_justification && c.justification.trim().length === 0 ? "review" : "none",
        explanation:
          problems.length === 0
            ? `Secrecy of ${c.months} months is within the limit; the person is told when it ends.`
            : `${problems.join("; ")}.`,
      }),
    ];
  },
};
