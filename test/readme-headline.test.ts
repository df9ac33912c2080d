import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeSimulation } from "../src/http/v1/simulation/simulation-routes.ts";
import { loadShippedLaw } from "../src/shell/kb/load-shipped-law.ts";
import { renderHeadlineTable } from "../src/shell/simulate/human-report.ts";
import { DEFAULT_CORPUS_DIR } from "../src/shell/simulate/load-corpus.ts";

describe("README", () => {
  it("shows the headline table the shipped corpus and knowledge base produce today", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const shown = readme.match(/<!-- simulate:start -->\n```\n([\s\S]*?)\n```\n<!-- simulate:end -->/)?.[1];
    const table = renderHeadlineTable(computeSimulation(loadShippedLaw(), DEFAULT_CORPUS_DIR).simulation)
      .split("\n")
      .slice(0, 7)
      .join("\n");
    expect(shown, "update the README's table from `npx lightswitch simulate`").toBe(table);
  });
});
