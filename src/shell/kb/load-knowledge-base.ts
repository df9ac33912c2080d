/**
 * Reads the knowledge base from `law/` (YAML files), checks every file against its schema, and reports
 * each problem as `file: path: message`. The version is the SHA-256 of the files' names and bytes.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { buildKnowledgeBase, type KnowledgeBase } from "../../core/law/knowledge-base.ts";
import {
  type Instrument,
  InstrumentSchema,
  type Jurisdiction,
  JurisdictionSchema,
} from "../../core/law/knowledge-base-schema.ts";
import { toFieldIssues } from "../../core/validation-issues.ts";

/** The shipped knowledge base, beside the source tree. */
export const DEFAULT_LAW_DIR = fileURLToPath(new URL("../../../law", import.meta.url));

export interface LawProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export interface LoadedLaw {
  readonly kb: KnowledgeBase;
  /** Raw parsed profile documents, validated by the profile loader. */
  readonly profileDocuments: readonly { file: string; document: unknown }[];
  readonly problems: readonly LawProblem[];
}

function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Loads and checks every file; never throws on bad content, returns problems instead. */
export function loadLaw(lawDir: string = DEFAULT_LAW_DIR): LoadedLaw {
  const hash = createHash("sha256");
  const problems: LawProblem[] = [];
  const display = (file: string) => relative(process.cwd(), file) || file;

  function read(file: string): unknown {
    const bytes = readFileSync(file);
    hash.update(relative(lawDir, file)).update("\0").update(bytes).update("\0");
    try {
      return parseYaml(bytes.toString("utf8"));
    } catch (error) {
      problems.push({
        file: display(file),
        path: "(root)",
        message: `not valid YAML: ${(error as Error).message}`,
      });
      return undefined;
    }
  }

  function check<S extends z.ZodType>(file: string, schema: S, document: unknown): z.infer<S> | undefined {
    if (document === undefined) return undefined;
    const result = schema.safeParse(document);
    if (result.success) return result.data;
    for (const issue of toFieldIssues(result.error)) problems.push({ file: display(file), ...issue });
    return undefined;
  }

  const instruments: Instrument[] = [];
  for (const file of listYaml(join(lawDir, "instruments"))) {
    const parsed = check(file, InstrumentSchema, read(file));
    if (parsed) instruments.push(parsed);
  }

  const jurisdictions: Jurisdiction[] = [];
  const seen = new Map<string, string>();
  for (const file of listYaml(join(lawDir, "jurisdictions"))) {
    const parsed = check(file, JurisdictionSchema, read(file));
    if (!parsed) continue;
    const expected = `${parsed.code.toLowerCase()}.yaml`;
    if (!file.endsWith(expected)) {
      problems.push({
        file: display(file),
        path: "code",
        message: `file for ${parsed.code} must be named ${expected}`,
      });
    }
    const previous = seen.get(parsed.code);
    if (previous) {
      problems.push({
        file: display(file),
        path: "code",
        message: `${parsed.code} is already defined in ${previous}`,
      });
      continue;
    }
    seen.set(parsed.code, display(file));
    jurisdictions.push(parsed);
  }
  checkCrossReferences(instruments, jurisdictions, lawDir, problems, display);

  const profileDocuments = listYaml(join(lawDir, "profiles")).map((file) => ({
    file: display(file),
    document: read(file),
  }));

  const version = `sha256:${hash.digest("hex")}`;
  return { kb: buildKnowledgeBase(version, instruments, jurisdictions), profileDocuments, problems };
}

function checkCrossReferences(
  instruments: readonly Instrument[],
  jurisdictions: readonly Jurisdiction[],
  lawDir: string,
  problems: LawProblem[],
  display: (file: string) => string,
): void {
  const offenceIds = new Map<string, string>();
  for (const j of jurisdictions) {
    const file = display(join(lawDir, "jurisdictions", `${j.code.toLowerCase()}.yaml`));
    j.offences.forEach((offence, index) => {
      if (!offence.id.startsWith(`${j.code.toLowerCase()}-`)) {
        problems.push({
          file,
          path: `offences[${index}].id`,
          message: `must start with "${j.code.toLowerCase()}-"`,
        });
      }
      if (offenceIds.has(offence.id)) {
        problems.push({ file, path: `offences[${index}].id`, message: `duplicate offence id ${offence.id}` });
      }
      offenceIds.set(offence.id, file);
    });
  }
  for (const instrument of instruments) {
    const numbers = new Set<string>();
    instrument.articles.forEach((article, index) => {
      if (numbers.has(article.number)) {
        problems.push({
          file: display(join(lawDir, "instruments", `${instrument.id}.yaml`)),
          path: `articles[${index}].number`,
          message: `duplicate article ${article.number}`,
        });
      }
      numbers.add(article.number);
    });
  }
}
