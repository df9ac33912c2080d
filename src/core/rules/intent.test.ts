import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("intent", () => {
  it("under rights-first, conduct alleged to be merely intentional is refused: dishonest or criminal intent is required", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["illegal_access"];
      r.case.intent_alleged = "intentional";
    });
    expect(findingOf(assessUnder("rights-first", request), "intent")).toMatchObject({
      outcome: "fail",
      effect: "refuse",
    });
  });

  it("under the UN Convention, intentional conduct without right suffices", () => {
    const request = requestWith((r) => {
      r.case.intent_alleged = "intentional";
    });
    expect(findingOf(assessUnder("un-cybercrime-2024", request), "intent").outcome).toBe("pass");
  });

  it("under rights-first, a request that does not state the mental element is incomplete", () => {
    const request = requestWith((r) => {
      r.case.intent_alleged = "not_stated";
    });
    const assessment = assessUnder("rights-first", request);
    expect(findingOf(assessment, "intent").effect).toBe("incomplete");
  });
});

describe("intent where intentional conduct is itself criminal", () => {
  it("under rights-first, intentionally distributing child sexual abuse material needs no further dishonest intent", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["child_sexual_abuse_material"];
      r.case.intent_alleged = "intentional";
    });
    expect(findingOf(assessUnder("rights-first", request), "intent").outcome).toBe("pass");
  });
});
