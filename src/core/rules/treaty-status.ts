/**
 * Treaty status: whether both states are bound by the profile's instrument and whether it is in force.
 * A profile assesses a request as if both states were bound by it (issue 2), so this is reported as a
 * flag, never a refusal.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { jurisdictionFact } from "../law/criminality.ts";
import type { Jurisdiction } from "../law/knowledge-base-schema.ts";
import { INSTRUMENT_IDS } from "../request/vocabulary.ts";
import { citesSchema, makeFinding, type Rule, type RuleContext } from "./rule.ts";

const settings = z.strictObject({ instrument: z.enum(INSTRUMENT_IDS), cite: citesSchema });
type Settings = z.infer<typeof settings>;

const BINDING = new Set(["ratified", "bound"]);

function describe(
  j: Jurisdiction | undefined,
  code: string,
  instrument: Settings["instrument"],
): [string, boolean] {
  if (j === undefined) return [`${code} is not in the knowledge base`, false];
  const status = j.parties[instrument].status;
  return [`${j.name} (${code}): ${status.replaceAll("_", " ")}`, BINDING.has(status)];
}

export const treatyStatusRule: Rule<Settings> = {
  id: "treaty-status",
  title: "Treaty status of both states",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const instrument = ctx.kb.instruments.get(s.instrument);
    const [requestingText, requestingBound] = describe(
      ctx.requesting,
      ctx.request.requesting.state,
      s.instrument,
    );
    const [requestedText, requestedBound] = describe(
      ctx.requested,
      ctx.request.requested.state,
      s.instrument,
    );
    const inForce = instrument?.in_force != null;
    const facts = [ctx.requesting, ctx.requested].flatMap((j) =>
      j === undefined
        ? []
        : [jurisdictionFact(j, `party status to ${s.instrument}`, j.parties[s.instrument])],
    );
    const allGood = requestingBound && requestedBound && inForce;
    const title = instrument?.short_title ?? s.instrument;
    return [
      makeFinding("treaty-status", ctx, s.cite, {
        outcome: allGood ? "pass" : "flag",
        effect: "none",
        explanation:
          `${title} ${inForce ? "is in force" : "is not in force"}; ${requestingText}; ${requestedText}. ` +
          (allGood
            ? "Both states are bound."
            : "The request is assessed as if both states were bound, to compare regimes; this is not a ground for refusal here."),
        facts,
      }),
    ];
  },
};
