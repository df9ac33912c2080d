/**
 * Loads the knowledge base and the profiles together and checks the profiles against the knowledge base:
 * every citation must name an instrument and article the knowledge base has.
 */
import type { KnowledgeBase } from "../../core/law/knowledge-base.ts";
import { type Profile, ProfileSchema } from "../../core/profiles/profile-schema.ts";
import { toFieldIssues } from "../../core/validation-issues.ts";
import { DEFAULT_LAW_DIR, type LawProblem, loadLaw } from "./load-knowledge-base.ts";

export interface ShippedLaw {
  readonly kb: KnowledgeBase;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly problems: readonly LawProblem[];
}

let cached: { dir: string; law: ShippedLaw } | undefined;

/** The knowledge base and profiles in `lawDir` (default: the shipped `law/`), read once per process. */
export function loadShippedLaw(lawDir: string = DEFAULT_LAW_DIR): ShippedLaw {
  if (cached?.dir === lawDir) return cached.law;
  const { kb, profileDocuments, problems } = loadLaw(lawDir);
  const allProblems = [...problems];
  const profiles = new Map<string, Profile>();
  for (const { file, document } of profileDocuments) {
    const result = ProfileSchema.safeParse(document);
    if (!result.success) {
      for (const issue of toFieldIssues(result.error)) allProblems.push({ file, ...issue });
      continue;
    }
    const profile = result.data as Profile;
    if (!file.endsWith(`${profile.id}.yaml`)) {
      allProblems.push({ file, path: "id", message: `profile ${profile.id} must be in ${profile.id}.yaml` });
    }
    for (const { path, instrument, article } of profileCitations(profile)) {
      const known = kb.instruments.get(instrument);
      if (known === undefined) {
        allProblems.push({ file, path, message: `cites unknown instrument ${instrument}` });
        continue;
      }
      const number = article.startsWith("Annex") ? article : (article.split("(")[0] ?? article).trim();
      if (!known.articles.some((a) => a.number === number)) {
        allProblems.push({
          file,
          path,
          message: `cites ${instrument} article ${number}, which the knowledge base lacks`,
        });
      }
    }
    profiles.set(profile.id, profile);
  }
  const law = { kb, profiles, problems: allProblems };
  cached = { dir: lawDir, law };
  return law;
}

/** Every `{ instrument, article }` in a profile, with its path, found by walking the document. */
function profileCitations(profile: Profile): { path: string; instrument: string; article: string }[] {
  const out: { path: string; instrument: string; article: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (typeof record.instrument === "string" && typeof record.article === "string") {
        out.push({ path, instrument: record.instrument, article: record.article });
        return;
      }
      for (const [k, v] of Object.entries(record)) walk(v, path === "" ? k : `${path}.${k}`);
    }
  };
  walk({ deadlines: profile.deadlines, rules: profile.rules }, "");
  return out;
}
