import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("scope", () => {
  it("under the UN Convention, a request about criticism of the government punished by 5 years is in scope as a serious crime", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["criticism_of_government"];
      r.case.offences = [
        { title: "Insulting the state", statute: "Penal Code art. 1", max_penalty_months: 60 },
      ];
    });
    const finding = findingOf(assessUnder("un-cybercrime-2024", request), "scope");
    expect(finding.outcome).toBe("pass");
    expect(finding.explanation).toContain("serious crime");
  });

  it("under the UN Convention, the same request punished by 2 years is out of scope and refused", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["criticism_of_government"];
      r.case.offences = [
        { title: "Insulting the state", statute: "Penal Code art. 1", max_penalty_months: 24 },
      ];
    });
    const assessment = assessUnder("un-cybercrime-2024", request);
    expect(findingOf(assessment, "scope")).toMatchObject({ outcome: "fail", effect: "refuse" });
    expect(assessment.verdict).toBe("refuse");
  });

  it("under rights-first, a request whose conduct includes no listed cybercrime is refused, however grave", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["homicide"];
      r.case.offences = [{ title: "Murder", statute: "Code pénal art. 221-1", max_penalty_months: 1200 }];
    });
    const finding = findingOf(assessUnder("rights-first", request), "scope");
    expect(finding).toMatchObject({ outcome: "fail", effect: "refuse" });
  });

  it("under rights-first, ransomware that interferes with a system is a listed cybercrime", () => {
    expect(findingOf(assessUnder("rights-first", requestWith()), "scope").outcome).toBe("pass");
  });

  it("under the Budapest Convention, evidence of any criminal offence is in scope", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["tax_evasion"];
      r.case.offences = [{ title: "Tax fraud", statute: "CGI art. 1741", max_penalty_months: 12 }];
    });
    expect(findingOf(assessUnder("budapest-2001", request), "scope").outcome).toBe("pass");
  });
});
