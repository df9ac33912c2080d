/**
 * Reads a scenario corpus: every `*.json` file in one directory, each a `lightswitch.scenario/v1`.
 * Files are untrusted input: unreadable files, bad JSON and schema violations become problems naming
 * the file and the field path, never a crash.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCENARIO_NAME_PATTERN, type Scenario, ScenarioSchema } from "../../core/scenario/scenario-schema.ts";
import { toFieldIssues } from "../../core/validation-issues.ts";

export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL("../../../scenarios", import.meta.url));

export interface CorpusProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export interface Corpus {
  readonly scenarios: readonly Scenario[];
  readonly problems: readonly CorpusProblem[];
}

/** Loads and validates every scenario in `dir`, sorted by name; duplicate request ids are problems too. */
export function loadCorpus(dir: string = DEFAULT_CORPUS_DIR): Corpus {
  const problems: CorpusProblem[] = [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch (error) {
    return {
      scenarios: [],
      problems: [{ file: dir, path: "(root)", message: `cannot read directory: ${String(error)}` }],
    };
  }
  const scenarios: Scenario[] = [];
  const fileByRequestId = new Map<string, string>();
  for (const file of files) {
    const name = basename(file, ".json");
    if (!SCENARIO_NAME_PATTERN.test(name)) {
      problems.push({
        file,
        path: "(root)",
        message: "file name must be kebab-case: [a-z0-9] words joined by '-'",
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch (error) {
      problems.push({
        file,
        path: "(root)",
        message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const parsed = ScenarioSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of toFieldIssues(parsed.error)) problems.push({ file, ...issue });
      continue;
    }
    const previous = fileByRequestId.get(parsed.data.request.id);
    if (previous !== undefined) {
      problems.push({ file, path: "request.id", message: `duplicate request id, also used by ${previous}` });
      continue;
    }
    fileByRequestId.set(parsed.data.request.id, file);
    scenarios.push({ name, document: parsed.data });
  }
  return { scenarios, problems };
}
