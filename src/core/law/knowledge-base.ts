/** The knowledge base as the core sees it: validated facts, indexed for the rules' lookups. */
import type { Article, Instrument, Jurisdiction } from "./knowledge-base-schema.ts";

export interface KnowledgeBase {
  /** Content hash of the files it was built from: the knowledge-base version an assessment cites. */
  readonly version: string;
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly jurisdictions: ReadonlyMap<string, Jurisdiction>;
}

export function buildKnowledgeBase(
  version: string,
  instruments: readonly Instrument[],
  jurisdictions: readonly Jurisdiction[],
): KnowledgeBase {
  return {
    version,
    instruments: new Map(instruments.map((i) => [i.id, i])),
    jurisdictions: new Map(jurisdictions.map((j) => [j.code, j])),
  };
}

/** The article of an instrument, if the knowledge base has it (for citation URLs and titles). */
export function findArticle(kb: KnowledgeBase, instrument: string, number: string): Article | undefined {
  const articles = kb.instruments.get(instrument)?.articles;
  return articles?.find((a) => a.number === number);
}
