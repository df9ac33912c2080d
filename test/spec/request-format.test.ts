import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRequest } from "../../src/core/request/parse-request.ts";
import { CONDUCT_CATEGORIES, MEASURE_TYPES, SUBJECT_ATTRIBUTES } from "../../src/core/request/vocabulary.ts";

// The request format's reference page, beside the repository (CI clones main with ../shared beside it).
const spec = readFileSync(new URL("../../../shared/spec/request-format.md", import.meta.url), "utf8");

describe("request format conformance", () => {
  it("accepts the example in the request-format reference", () => {
    const example = spec.match(/```json\n([\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    expect(parseRequest(JSON.parse(example as string)).id).toBe("fr-ofac-2026-000417");
  });

  it("knows every conduct category, measure type and attribute the reference lists, and no others", () => {
    const codes = (section: string) =>
      [...section.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]).filter((c): c is string => c !== undefined);
    const conductSection = spec.slice(spec.indexOf("## ConductCategory"), spec.indexOf("## Signature"));
    expect(new Set(codes(conductSection))).toEqual(new Set(CONDUCT_CATEGORIES));
    const measureSection = spec.slice(spec.indexOf("MeasureType, from least"), spec.indexOf("## Urgency"));
    const measures = [...measureSection.matchAll(/`"([a-z_]+)"`/g)].map((m) => m[1]);
    expect(measures).toEqual([...MEASURE_TYPES]);
    const attributeLine = spec.split("\n").find((l) => l.startsWith("Attribute:")) ?? "";
    expect(new Set([...attributeLine.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]))).toEqual(
      new Set(SUBJECT_ATTRIBUTES),
    );
  });
});
