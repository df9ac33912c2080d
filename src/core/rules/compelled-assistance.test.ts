import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("compelled assistance", () => {
  const compel = (kind: "police" | "judge") =>
    requestWith((r) => {
      r.requesting.kind = kind;
      r.measures = [{ type: "compelled_assistance" }];
    });

  it("under rights-first, compelling an engineer without a judge's order is refused", () => {
    expect(findingOf(assessUnder("rights-first", compel("police")), "compelled-assistance")).toMatchObject({
      outcome: "fail",
      effect: "refuse",
    });
  });

  it("under rights-first, a judge's order still needs authorisation here and notice to the employer", () => {
    const finding = findingOf(assessUnder("rights-first", compel("judge")), "compelled-assistance");
    expect(finding.effect).toBe("authorisation");
    expect(finding.explanation).toContain("employer");
  });

  it("the UN Convention allows compelled assistance: the finding flags it but does not refuse", () => {
    const assessment = assessUnder("un-cybercrime-2024", compel("police"));
    expect(findingOf(assessment, "compelled-assistance")).toMatchObject({ outcome: "flag", effect: "none" });
  });
});
