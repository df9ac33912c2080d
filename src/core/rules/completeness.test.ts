import { describe, expect, it } from "vitest";
import { assessUnder, findingOf, findingsOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("completeness", () => {
  it("a request whose facts are a single word is incomplete: ask for a summary of the facts", () => {
    const request = requestWith((r) => {
      r.case.facts = "hacking";
    });
    const assessment = assessUnder("budapest-2001", request);
    expect(findingOf(assessment, "completeness")).toMatchObject({ outcome: "fail", effect: "incomplete" });
    expect(assessment.verdict).toBe("incomplete");
  });

  it("under rights-first, traffic data without the period it covers is incomplete", () => {
    const request = requestWith((r) => {
      r.measures = [{ type: "traffic_data" }];
    });
    const findings = findingsOf(assessUnder("rights-first", request), "completeness");
    expect(findings.find((f) => f.measures?.includes("traffic_data"))).toMatchObject({
      outcome: "fail",
      effect: "incomplete",
    });
  });
});
