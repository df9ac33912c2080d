import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("good faith", () => {
  it("under rights-first, a request about security research is refused even where access without right is alleged", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["illegal_access", "security_research"];
      r.case.intent_alleged = "intentional";
    });
    const assessment = assessUnder("rights-first", request);
    expect(findingOf(assessment, "good-faith")).toMatchObject({ outcome: "fail", effect: "refuse" });
    expect(assessment.verdict).toBe("refuse");
  });

  it("under rights-first, a journalist targeted without any allegation of criminal intent is presumed to act in good faith", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["illegal_access"];
      r.case.intent_alleged = "intentional";
      r.subjects[0]!.attributes = ["journalist"];
    });
    expect(findingOf(assessUnder("rights-first", request), "good-faith")).toMatchObject({
      outcome: "fail",
      effect: "refuse",
    });
  });

  it("under rights-first, where criminal intent is alleged against a whistleblower, a human weighs the good faith", () => {
    const request = requestWith((r) => {
      r.subjects[0]!.attributes = ["whistleblower"];
    });
    expect(findingOf(assessUnder("rights-first", request), "good-faith")).toMatchObject({
      outcome: "fail",
      effect: "review",
    });
  });

  it("the UN Convention knows no good-faith exemption beyond authorised testing, so its profile does not apply the rule", () => {
    const assessment = assessUnder(
      "un-cybercrime-2024",
      requestWith((r) => {
        r.case.conduct = ["security_research"];
      }),
    );
    expect(assessment.findings.some((f) => f.rule === "good-faith")).toBe(false);
  });
});
