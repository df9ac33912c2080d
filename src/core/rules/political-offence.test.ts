import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("political offence", () => {
  it("under the Budapest Convention, insulting the head of state is a political offence the requested party may refuse to assist", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["insulting_head_of_state"];
    });
    expect(findingOf(assessUnder("budapest-2001", request), "political-offence")).toMatchObject({
      outcome: "fail",
      effect: "review",
    });
  });
});
