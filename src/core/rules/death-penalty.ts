/**
 * Death penalty: no assistance that may lead to a death sentence unless the requesting state assures that
 * it will not be sought or carried out (ICCPR Art. 6; the assurance practice of abolitionist states).
 * Neither the UN Convention nor the Budapest Convention has an express ground; their requested parties may
 * refuse on essential interests (UN Art. 40 — unverified; Budapest Art. 27(4)(b)).
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { deathPenaltyFacts, jurisdictionFact } from "../law/criminality.ts";
import { citesSchema, GroundEffectSchema, makeFinding, type Rule, type RuleContext } from "./rule.ts";

const settings = z.strictObject({
  /** Where a death sentence is possible for the conduct and no assurance was given. */
  effect: GroundEffectSchema,
  /** Where the state keeps the death penalty but the knowledge base cannot tell whether this conduct carries it. */
  effect_if_unknown: z.enum(["review", "none"]),
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "death-penalty";

export const deathPenaltyRule: Rule<Settings> = {
  id: ID,
  title: "Death penalty",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request, requesting } = ctx;
    const assured = request.assurances?.no_death_penalty === true;
    if (requesting === undefined) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: assured ? "pass" : "flag",
          effect: assured ? "none" : s.effect_if_unknown,
          explanation: assured
            ? "The requesting state assures that the death penalty will not be sought or carried out."
            : `${request.requesting.state} is not in the knowledge base, so whether a death sentence is possible is unknown, and no assurance was given.`,
        }),
      ];
    }
    const status = requesting.death_penalty;
    const statusFact = jurisdictionFact(
      requesting,
      `death penalty status: ${status.status.replaceAll("_", " ")}`,
      status,
    );
    if (status.status !== "retentionist") {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: `${requesting.name} does not carry out the death penalty (${status.status.replaceAll("_", " ")}).`,
          facts: [statusFact],
        }),
      ];
    }
    const offenceIds = request.case.offences.flatMap((o) =>
      o.offence_id === undefined ? [] : [o.offence_id],
    );
    const facts = deathPenaltyFacts(requesting, request.case.conduct, offenceIds);
    if (assured) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: `${requesting.name} keeps the death penalty, and has assured that it will not be sought or carried out in this case.`,
          facts: [statusFact, ...facts],
        }),
      ];
    }
    if (facts.length > 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "fail",
          effect: s.effect,
          explanation: `${requesting.name} keeps the death penalty and its law provides it for the conduct alleged; no assurance was given that it will not be sought or carried out.`,
          facts: [statusFact, ...facts],
        }),
      ];
    }
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: "flag",
        effect: s.effect_if_unknown,
        explanation: `${requesting.name} keeps the death penalty; the knowledge base does not show that it applies to this conduct, and no assurance was given. Ask for one.`,
        facts: [statusFact],
      }),
    ];
  },
};
