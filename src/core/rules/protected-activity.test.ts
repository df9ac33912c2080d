import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

const blasphemyFromSaudiArabia = requestWith((r) => {
  r.requesting = { state: "SA", authority: "Public Prosecution", authority_id: "sa-pp", kind: "prosecutor" };
  r.requested = { state: "IE", party: "provider", provider: "Example Social Ltd" };
  r.case.conduct = ["blasphemy"];
  r.case.offences = [
    { title: "Insulting religion online", statute: "Anti-Cybercrime Law art. 6", max_penalty_months: 60 },
  ];
  r.case.intent_alleged = "intentional";
});

describe("protected activity", () => {
  it("a request about blasphemy from a state where it carries the death penalty is refused under rights-first", () => {
    const assessment = assessUnder("rights-first", blasphemyFromSaudiArabia);
    expect(findingOf(assessment, "protected-activity")).toMatchObject({ outcome: "fail", effect: "refuse" });
    expect(assessment.verdict).toBe("refuse");
  });

  it("the same request is only a discretionary ground under the UN Convention: a human must decide", () => {
    const assessment = assessUnder("un-cybercrime-2024", blasphemyFromSaudiArabia);
    expect(findingOf(assessment, "protected-activity")).toMatchObject({ outcome: "fail", effect: "review" });
    expect(assessment.verdict).not.toBe("refuse");
  });

  it("a finding that fails cites at least one article", () => {
    const finding = findingOf(assessUnder("rights-first", blasphemyFromSaudiArabia), "protected-activity");
    expect(finding.citations.length).toBeGreaterThan(0);
    expect(finding.citations[0]).toHaveProperty("article");
  });

  it("ransomware is not protected activity", () => {
    expect(findingOf(assessUnder("rights-first", requestWith()), "protected-activity").outcome).toBe("pass");
  });
});
