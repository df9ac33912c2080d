import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { loadShippedLaw } from "../../shell/kb/load-shipped-law.ts";
import { PROTECTED_ACTIVITY_CONDUCT } from "../request/vocabulary.ts";
import { requestArbitrary } from "../testing/request-arbitrary.ts";
import { requestWith } from "../testing/request-builder.ts";
import { assessRequest, overallVerdict } from "./assess.ts";
import type { Verdict } from "./assessment.ts";

const law = loadShippedLaw();
const profiles = [...law.profiles.values()];
const rightsFirst = law.profiles.get("rights-first")!;
// A mix of states the knowledge base has and one it lacks (TV), so unknown-state paths are exercised.
const states = ["FR", "DE", "US", "IE", "SA", "RU", "CN", "BR", "NG", "TH", "GB", "TV"];
const requests = requestArbitrary(states);
const SEVERITY: Record<Verdict, number> = {
  execute: 0,
  partial: 0,
  review: 1,
  consult: 2,
  incomplete: 3,
  refuse: 4,
};

describe("assess", () => {
  test.prop([requests, fc.constantFrom(...profiles)], { numRuns: 200 })(
    "is deterministic: the same inputs give the same bytes",
    (request, profile) => {
      const a = JSON.stringify(assessRequest(request, profile, law.kb));
      const b = JSON.stringify(assessRequest(structuredClone(request), profile, law.kb));
      expect(a).toBe(b);
    },
  );

  test.prop([requests, fc.constantFrom(...profiles)], { numRuns: 200 })(
    "every failing or flagged finding cites at least one article",
    (request, profile) => {
      for (const finding of assessRequest(request, profile, law.kb).findings) {
        if (finding.outcome === "fail" || finding.outcome === "flag")
          expect(finding.citations.length).toBeGreaterThan(0);
      }
    },
  );

  test.prop([requests, fc.constantFrom(...PROTECTED_ACTIVITY_CONDUCT)], { numRuns: 300 })(
    "under rights-first, adding a protected-activity conduct never turns a refusal into anything else",
    (request, conduct) => {
      if (assessRequest(request, rightsFirst, law.kb).verdict !== "refuse") return;
      const more = {
        ...request,
        case: { ...request.case, conduct: [...new Set([...request.case.conduct, conduct])] },
      };
      expect(assessRequest(more, rightsFirst, law.kb).verdict).toBe("refuse");
    },
  );

  test.prop([requests, fc.constantFrom(...profiles), fc.nat()], { numRuns: 300 })(
    "removing a measure never makes another measure's verdict stricter",
    (request, profile, pick) => {
      if (request.measures.length < 2) return;
      const drop = pick % request.measures.length;
      const fewer = { ...request, measures: request.measures.filter((_, i) => i !== drop) };
      const before = new Map(
        assessRequest(request, profile, law.kb).measures.map((m) => [m.type, m.verdict]),
      );
      for (const m of assessRequest(fewer, profile, law.kb).measures) {
        expect(SEVERITY[m.verdict]).toBeLessThanOrEqual(SEVERITY[before.get(m.type) ?? "execute"]);
      }
    },
  );

  it("the example request in the request-format spec is executed under its own instrument", () => {
    const assessment = assessRequest(requestWith(), law.profiles.get("budapest-2001")!, law.kb);
    expect(assessment.format).toBe("lightswitch.assessment/v1");
    expect(assessment.knowledge_base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("overall verdict", () => {
  const m = (verdict: Verdict) => ({
    type: "subscriber_info" as const,
    verdict,
    requires_authorisation: false,
  });
  it.each([
    [["execute", "execute"], "execute"],
    [["execute", "refuse"], "partial"],
    [["refuse", "refuse"], "refuse"],
    [["review", "refuse"], "review"],
    [["execute", "consult"], "consult"],
    [["incomplete", "review"], "incomplete"],
  ] as [Verdict[], Verdict][])("measures %j give %s", (verdicts, expected) => {
    expect(overallVerdict(verdicts.map(m))).toBe(expected);
  });
});
