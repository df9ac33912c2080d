/**
 * What a rule is (STYLE habit 5): an id, a title, the provisions it implements (cited by the profile
 * that applies it, since the same safeguard rests on a different article in each instrument), the
 * parameters it reads from the profile, and `evaluate(ctx) → findings`.
 */
import { z } from "zod";
import type { Citation, Effect, FactReference, Finding, Outcome } from "../assess/assessment.ts";
import { findArticle, type KnowledgeBase } from "../law/knowledge-base.ts";
import type { Jurisdiction } from "../law/knowledge-base-schema.ts";
import type { Request } from "../request/request-schema.ts";
import type { InstrumentId, MeasureType } from "../request/vocabulary.ts";

export const CitationSchema = z.strictObject({
  instrument: z.string().min(1),
  /** Article with paragraph, e.g. "35(1)(c)" or "Annex IV". */
  article: z.string().min(1),
});

/** Every rule's settings in a profile cite the provisions the rule applies under that profile. */
export const citesSchema = z.array(CitationSchema).min(1);

/** A ground's weight under a profile: mandatory (refuse) or discretionary (review: "may refuse"). */
export const GroundEffectSchema = z.enum(["refuse", "review"]);

export interface RuleContext {
  readonly request: Request;
  /** The instrument the profile encodes (assumed binding on both states), or null for a policy profile. */
  readonly instrument: InstrumentId | null;
  readonly kb: KnowledgeBase;
  /** The requesting state's facts, if the knowledge base has the state. */
  readonly requesting: Jurisdiction | undefined;
  /** The requested state's facts (where the central authority sits or the provider is established). */
  readonly requested: Jurisdiction | undefined;
}

export interface Rule<Settings extends { cite: readonly { instrument: string; article: string }[] }> {
  readonly id: string;
  readonly title: string;
  readonly settings: z.ZodType<Settings>;
  evaluate(ctx: RuleContext, settings: Settings): Finding[];
}

type Cites = readonly { instrument: string; article: string }[];
// Profiles' citation lists are long-lived objects: resolve each once per knowledge base (assess is hot).
const resolved = new WeakMap<KnowledgeBase, WeakMap<Cites, Citation[]>>();

/** Resolves citations to the knowledge base's article URLs (the article number before any paragraph). */
export function resolveCitations(kb: KnowledgeBase, cites: Cites): Citation[] {
  let byCites = resolved.get(kb);
  if (byCites === undefined) {
    byCites = new WeakMap();
    resolved.set(kb, byCites);
  }
  const cached = byCites.get(cites);
  if (cached !== undefined) return cached;
  const citations = resolveUncached(kb, cites);
  byCites.set(cites, citations);
  return citations;
}

function resolveUncached(kb: KnowledgeBase, cites: Cites): Citation[] {
  return cites.map(({ instrument, article }) => {
    const number = article.startsWith("Annex") ? article : (article.split("(")[0] ?? article);
    const found = findArticle(kb, instrument, number.trim());
    const url = found?.url ?? kb.instruments.get(instrument)?.official_text_url;
    return {
      instrument,
      article,
      ...(url === undefined ? {} : { url }),
      ...(found === undefined ? {} : { verified: found.verified }),
    };
  });
}

export interface FindingInput {
  readonly outcome: Outcome;
  readonly effect: Effect;
  readonly explanation: string;
  readonly measures?: readonly MeasureType[];
  readonly facts?: readonly FactReference[];
}

/** Builds a finding of `rule` citing `cites`; pass/not-applicable findings never carry an effect. */
export function makeFinding(
  rule: string,
  ctx: RuleContext,
  cites: readonly { instrument: string; article: string }[],
  input: FindingInput,
): Finding {
  const effect = input.outcome === "pass" || input.outcome === "not_applicable" ? "none" : input.effect;
  const unverified = input.facts?.filter((f) => !f.verified) ?? [];
  const explanation =
    unverified.length > 0
      ? `${input.explanation} This relies on ${unverified.length === 1 ? "a fact" : "facts"} not verified against a primary text (${unverified.map((f) => `${f.jurisdiction}: ${f.fact}`).join("; ")}).`
      : input.explanation;
  return {
    rule,
    outcome: input.outcome,
    effect,
    explanation,
    citations: resolveCitations(ctx.kb, cites),
    ...(input.measures === undefined ? {} : { measures: input.measures }),
    ...(input.facts === undefined || input.facts.length === 0 ? {} : { facts: input.facts }),
  };
}

/** Measure types of the request, in request order, without repeats. */
export function requestedMeasureTypes(request: Request): MeasureType[] {
  return [...new Set(request.measures.map((m) => m.type))];
}

/** Names a list for an explanation: "a, b and c". */
export function listWords(items: readonly string[]): string {
  const words = items.map((i) => i.replaceAll("_", " "));
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
