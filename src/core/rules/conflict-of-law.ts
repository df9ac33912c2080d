/**
 * Conflict of law: complying would break the law of the state where the provider is established or the
 * data are held (e.g. US SCA § 2702 bars disclosing content to a foreign government outside MLA or a
 * CLOUD Act agreement; China DSL Art. 36 bars any disclosure without approval). Such conflicts are for the
 * states to settle (e-Evidence Art. 17 review; Budapest 2AP Art. 7(5) consultation), not for the provider
 * to bear: the verdict is `consult`.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { jurisdictionFact } from "../law/criminality.ts";
import type { BlockingStatute, Jurisdiction } from "../law/knowledge-base-schema.ts";
import {
  citesSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
  requestedMeasureTypes,
} from "./rule.ts";

const settings = z.strictObject({ effect: z.enum(["consult", "review"]), cite: citesSchema });
type Settings = z.infer<typeof settings>;

const ID = "conflict-of-law";

/** The exceptions of a blocking statute that this request satisfies. */
function satisfiedExceptions(statute: BlockingStatute, ctx: RuleContext, home: Jurisdiction): string[] {
  const { request } = ctx;
  const satisfied: string[] = [];
  for (const exception of statute.unless) {
    switch (exception) {
      case "mla":
        // Classic MLA to the provider's own state goes through that state's authorities.
        if (request.requested.party === "central_authority" && request.requested.state === home.code)
          satisfied.push("mla");
        break;
      case "executive_agreement":
        if (
          home.executive_agreements.some(
            (a) => a.with === request.requesting.state && a.status === "in_force",
          )
        ) {
          satisfied.push("executive_agreement");
        }
        break;
      case "emergency":
        if (
          request.urgency?.emergency === true &&
          (request.urgency.threat === "imminent_threat_to_life" ||
            request.urgency.threat === "serious_physical_harm")
        ) {
          satisfied.push("emergency");
        }
        break;
      case "approval_of_authority":
        break;
      case "international_agreement":
        if (ctx.instrument !== null) satisfied.push("international_agreement");
        break;
      case "union_law":
        if (home.eu_member.value && ctx.requesting?.eu_member.value === true) satisfied.push("union_law");
        break;
    }
  }
  return satisfied;
}

export const conflictOfLawRule: Rule<Settings> = {
  id: ID,
  title: "Conflict with the law of the provider's state",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request } = ctx;
    const homeCode =
      request.requested.provider_state ??
      (request.requested.party === "provider" ? request.requested.state : undefined);
    if (homeCode === undefined || homeCode === request.requesting.state) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "not_applicable",
          effect: "none",
          explanation:
            "The data are requested from the requested state's own authorities; no third law is engaged.",
        }),
      ];
    }
    const home = ctx.kb.jurisdictions.get(homeCode);
    if (home === undefined) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "flag",
          effect: "none",
          explanation: `${homeCode}, where the provider is established, is not in the knowledge base; check its data-protection and blocking laws.`,
        }),
      ];
    }
    const measures = requestedMeasureTypes(request);
    const conflicts = home.blocking_statutes
      .map((statute) => ({ statute, blocked: measures.filter((m) => statute.blocks.includes(m)) }))
      .filter(
        ({ statute, blocked }) => blocked.length > 0 && satisfiedExceptions(statute, ctx, home).length === 0,
      );
    if (conflicts.length === 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: `No law of ${home.name} known to the knowledge base forbids this disclosure.`,
        }),
      ];
    }
    const blocked = [...new Set(conflicts.flatMap((c) => c.blocked))];
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: "fail",
        effect: s.effect,
        explanation: `Disclosing ${listWords(blocked)} would conflict with ${conflicts.map((c) => c.statute.statute).join(" and ")} of ${home.name}; the states must settle this between them rather than leave it to the provider.`,
        measures: blocked,
        facts: conflicts.map((c) =>
          jurisdictionFact(home, `${c.statute.statute}: ${c.statute.title}`, c.statute),
        ),
      }),
    ];
  },
};
