import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("persecution", () => {
  it("an LGBTQI person pursued by a state that criminalises same-sex relations shows grounds of persecution, refused under rights-first", () => {
    const request = requestWith((r) => {
      r.requesting = {
        state: "SA",
        authority: "Public Prosecution",
        authority_id: "sa-pp",
        kind: "prosecutor",
      };
      r.case.conduct = ["illegal_access"];
      r.subjects[0]!.attributes = ["lgbtqi"];
    });
    expect(findingOf(assessUnder("rights-first", request), "persecution")).toMatchObject({
      outcome: "fail",
      effect: "refuse",
    });
  });

  it("a political opponent living abroad is a ground for review under the UN Convention", () => {
    const request = requestWith((r) => {
      r.subjects[0]!.attributes = ["political_opponent"];
      r.subjects[0]!.location = "GB";
    });
    expect(findingOf(assessUnder("un-cybercrime-2024", request), "persecution")).toMatchObject({
      outcome: "fail",
      effect: "review",
    });
  });

  it("a ransomware suspect with no protected attribute raises no ground", () => {
    expect(findingOf(assessUnder("rights-first", requestWith()), "persecution").outcome).toBe("pass");
  });
});
