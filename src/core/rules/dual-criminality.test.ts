import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("dual criminality on conduct", () => {
  it("illegal access is a crime in Germany (StGB § 202a), whatever the requesting state calls it", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["illegal_access"];
      r.case.offences = [
        { title: "Intrusion dans un STAD", statute: "Code pénal art. 323-1", max_penalty_months: 36 },
      ];
    });
    const finding = findingOf(assessUnder("rights-first", request), "dual-criminality");
    expect(finding.outcome).toBe("pass");
    expect(finding.facts?.some((f) => f.jurisdiction === "DE")).toBe(true);
  });

  it("preservation needs no dual criminality under the Budapest Convention (Art. 29(3))", () => {
    const request = requestWith((r) => {
      r.measures = [{ type: "preservation" }];
      r.case.conduct = ["criticism_of_government"];
    });
    expect(findingOf(assessUnder("budapest-2001", request), "dual-criminality").outcome).toBe(
      "not_applicable",
    );
  });

  it("where the requested state is not in the knowledge base, rights-first sends the request to review", () => {
    const request = requestWith((r) => {
      r.requested = { state: "TV", party: "central_authority" };
    });
    expect(findingOf(assessUnder("rights-first", request), "dual-criminality")).toMatchObject({
      outcome: "flag",
      effect: "review",
    });
  });
});
