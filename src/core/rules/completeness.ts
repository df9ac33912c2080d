/**
 * Completeness: the request contains what the instruments require a request to contain — the authority,
 * the subject matter and a summary of the facts, a description of the assistance sought, and where
 * possible the identity of the person concerned (UNTOC Art. 18(15), the model of UN Art. 40; Budapest
 * Art. 29(2) for preservation; e-Evidence Annex I). Missing contents → ask for them (`incomplete`).
 */
import { z } from "zod";
import type { Finding } from "../assess/assessment.ts";
import type { MeasureType } from "../request/vocabulary.ts";
import { citesSchema, listWords, makeFinding, type Rule, type RuleContext } from "./rule.ts";

const settings = z.strictObject({
  /** Fewer characters of facts than this cannot be a summary of the facts. */
  min_facts_chars: z.int().min(1),
  /** Whether data measures must state the period the data covers (data minimisation by design). */
  require_period_for_data: z.boolean(),
  /** Whether the mental element must be stated. */
  require_intent_stated: z.boolean(),
  cite: citesSchema,
});
type Settings = z.infer<typeof settings>;

const ID = "completeness";
/**
 * Measures that collect communications over a span of time: asked for without a period, they hand over
 * more than the investigation needs. (Subscriber information, preservation and a search are not spans.)
 */
const NEEDS_PERIOD: ReadonlySet<MeasureType> = new Set<MeasureType>([
  "traffic_data",
  "content_data",
  "realtime_traffic",
  "interception",
]);

export const completenessRule: Rule<Settings> = {
  id: ID,
  title: "Contents of the request",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request } = ctx;
    const missing: string[] = [];
    if (request.case.facts.trim().length < s.min_facts_chars) {
      missing.push(
        `a summary of the facts (at least ${s.min_facts_chars} characters; got ${request.case.facts.trim().length})`,
      );
    }
    request.subjects.forEach((subject, i) => {
      if (subject.identifiers.length === 0) missing.push(`an identifier for subjects[${i}]`);
    });
    if (s.require_intent_stated && request.case.intent_alleged === "not_stated") {
      missing.push("the mental element alleged (case.intent_alleged)");
    }
    if (request.urgency?.emergency === true && request.urgency.explanation.trim().length === 0) {
      missing.push("an explanation of the emergency");
    }
    const findings: Finding[] = [
      makeFinding(ID, ctx, s.cite, {
        outcome: missing.length === 0 ? "pass" : "fail",
        effect: "incomplete",
        explanation:
          missing.length === 0
            ? "The request states the authority, the facts, the persons concerned and the assistance sought."
            : `The request lacks ${listWords(missing)}; ask the requesting authority to supply ${missing.length === 1 ? "it" : "them"}.`,
      }),
    ];
    // A data measure without the period it covers is incomplete on its own; the other measures can proceed.
    if (s.require_period_for_data) {
      const undated = [
        ...new Set(
          request.measures
            .filter((m) => NEEDS_PERIOD.has(m.type) && (m.from === undefined || m.to === undefined))
            .map((m) => m.type),
        ),
      ];
      if (undated.length > 0) {
        findings.push(
          makeFinding(ID, ctx, s.cite, {
            outcome: "fail",
            effect: "incomplete",
            explanation: `The request does not say what period ${listWords(undated)} should cover (from and to); ask for it, so that no more data than needed is handed over.`,
            measures: undated,
          }),
        );
      }
    }
    return findings;
  },
};
