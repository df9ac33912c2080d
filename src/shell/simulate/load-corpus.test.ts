import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isProtectedActivity } from "../../core/request/vocabulary.ts";
import { CORPUS_MINIMUMS } from "../../core/scenario/scenario-schema.ts";
import { loadCorpus } from "./load-corpus.ts";

describe("the shipped scenario corpus", () => {
  const corpus = loadCorpus();

  it("has no invalid file (each problem names its file and field path)", () => {
    expect(corpus.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`)).toEqual([]);
  });

  it("meets the corpus minimums, so it cannot silently shrink", () => {
    const count = (label: string) => corpus.scenarios.filter((s) => s.document.label === label).length;
    expect(corpus.scenarios.length).toBeGreaterThanOrEqual(CORPUS_MINIMUMS.total);
    expect(count("abusive")).toBeGreaterThanOrEqual(CORPUS_MINIMUMS.abusive);
    expect(count("legitimate")).toBeGreaterThanOrEqual(CORPUS_MINIMUMS.legitimate);
    expect(corpus.scenarios.filter((s) => s.document.hard === true).length).toBeGreaterThanOrEqual(
      CORPUS_MINIMUMS.hard,
    );
  });

  it("gives every scenario a unique request id", () => {
    const ids = corpus.scenarios.map((s) => s.document.request.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes every abusive scenario's conduct with the protected activity it really targets", () => {
    const missing = corpus.scenarios
      .filter(
        (s) =>
          s.document.label === "abusive" &&
          s.document.request.case.conduct.every((c) => !isProtectedActivity(c)),
      )
      .map((s) => s.name);
    // A forged emergency request is an attack on the channel, not a prosecution of protected conduct.
    expect(missing).toEqual(["forged-emergency-data-request"]);
  });
});

describe("loading a corpus with a bad file", () => {
  it("reports the file and the field path of each problem", () => {
    const dir = mkdtempSync(join(tmpdir(), "lightswitch-corpus-"));
    writeFileSync(
      join(dir, "broken.json"),
      JSON.stringify({ format: "lightswitch.scenario/v1", title: "x", label: "evil" }),
    );
    writeFileSync(join(dir, "not-json.json"), "{");
    const { scenarios, problems } = loadCorpus(dir);
    expect(scenarios).toEqual([]);
    expect(problems).toContainEqual({
      file: "broken.json",
      path: "label",
      message: expect.stringContaining('"abusive", "legitimate"'),
    });
    expect(problems.some((p) => p.file === "broken.json" && p.path === "request")).toBe(true);
    expect(problems.some((p) => p.file === "not-json.json" && p.message.startsWith("not valid JSON"))).toBe(
      true,
    );
  });
});
