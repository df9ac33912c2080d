/**
 * Political offence: assistance may be refused where the request concerns an offence the requested party
 * considers political, or connected with one (Budapest Art. 27(4)(a), also for preservation Art. 29(5)).
 * Conduct directed at the state's authority or its critics' means of expression is treated as political.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import type { ConductCategory } from "../request/vocabulary.ts";
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

const ID = "political-offence";
const POLITICAL_CONDUCT: readonly ConductCategory[] = [
  "criticism_of_government",
  "insulting_head_of_state",
  "false_news",
  "peaceful_assembly",
  "unregistered_association",
];

export const politicalOffenceRule: Rule<Settings> = {
  id: ID,
  title: "Political offence",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const political = ctx.request.case.conduct.filter((c) => POLITICAL_CONDUCT.includes(c));
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: political.length > 0 ? "fail" : "pass",
        effect: s.effect,
        explanation:
          political.length > 0
            ? `The request concerns ${listWords(political)}: a political offence, or one connected with it.`
            : "The offences alleged are not political offences.",
      }),
    ];
  },
};
