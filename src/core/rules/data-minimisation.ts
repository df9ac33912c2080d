/**
 * Data minimisation: no bulk data sets or biometric data, and no sharing of data "for analysis" outside a
 * specific investigation (the critics' demand; contrast UN Art. 47 police-to-police sharing of "items or
 * data" for analytical purposes — unverified wording). Requests sweeping in many people are flagged.
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import { MEASURE_TYPES } from "../request/vocabulary.ts";
import {
  citesSchema,
  GroundEffectSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
  requestedMeasureTypes,
} from "./rule.ts";

const settings = z.strictObject({
  /** Measures refused (or sent to review) as disproportionate by nature. */
  prohibited: z.array(z.enum(MEASURE_TYPES)),
  effect: GroundEffectSchema,
  /** More subjects than this in one request is treated as a sweep: flagged for review. */
  max_subjects: z.int().min(1),
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "data-minimisation";

export const dataMinimisationRule: Rule<Settings> = {
  id: ID,
  title: "Data minimisation",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const findings: Finding[] = [];
    const prohibited = requestedMeasureTypes(ctx.request).filter((t) => s.prohibited.includes(t));
    if (prohibited.length > 0) {
      findings.push(
        makeFinding(ID, ctx, s.cite, {
          outcome: "fail",
          effect: s.effect,
          explanation: `${listWords(prohibited)} ${prohibited.length === 1 ? "is" : "are"} not shared: data about people who are not the subject of a specific investigation, or biometric data, is disproportionate by nature.`,
          measures: prohibited,
        }),
      );
    }
    const subjects = ctx.request.subjects.length;
    if (subjects > s.max_subjects) {
      findings.push(
        makeFinding(ID, ctx, s.cite, {
          outcome: "flag",
          effect: "review",
          explanation: `The request concerns ${subjects} persons or accounts (more than ${s.max_subjects}); check that each is specifically linked to the offence.`,
        }),
      );
    }
    if (findings.length === 0) {
      findings.push(
        makeFinding(ID, ctx, s.cite, {
          outcome: "pass",
          effect: "none",
          explanation: "The request is limited to specified persons and data.",
        }),
      );
    }
    return findings;
  },
};
