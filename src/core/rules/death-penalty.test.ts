import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

const fromSaudiArabia = (conduct: "same_sex_relations" | "fraud", assured: boolean) =>
  requestWith((r) => {
    r.requesting = {
      state: "SA",
      authority: "Public Prosecution",
      authority_id: "sa-pp",
      kind: "prosecutor",
    };
    r.case.conduct = [conduct];
    if (assured) r.assurances = { no_death_penalty: true };
  });

describe("death penalty", () => {
  it("under rights-first, a request about same-sex relations from a state that punishes them by death, without assurance, is refused", () => {
    const finding = findingOf(
      assessUnder("rights-first", fromSaudiArabia("same_sex_relations", false)),
      "death-penalty",
    );
    expect(finding).toMatchObject({ outcome: "fail", effect: "refuse" });
    expect(finding.facts?.some((f) => f.jurisdiction === "SA")).toBe(true);
  });

  it("an assurance that the death penalty will not be sought or carried out answers the ground", () => {
    const finding = findingOf(
      assessUnder("rights-first", fromSaudiArabia("same_sex_relations", true)),
      "death-penalty",
    );
    expect(finding.outcome).toBe("pass");
  });

  it("where a retentionist state's law is not known to provide death for the conduct, rights-first asks for an assurance", () => {
    const finding = findingOf(assessUnder("rights-first", fromSaudiArabia("fraud", false)), "death-penalty");
    expect(finding).toMatchObject({ outcome: "flag", effect: "review" });
  });

  it("a request from an abolitionist state passes", () => {
    expect(findingOf(assessUnder("rights-first", requestWith()), "death-penalty").outcome).toBe("pass");
  });
});
