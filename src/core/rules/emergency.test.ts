import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("emergency validity", () => {
  it("an emergency claimed for 'other' reasons by a police mailbox goes to a human before anything is disclosed", () => {
    const request = requestWith((r) => {
      r.requesting.kind = "police";
      r.urgency = { emergency: true, threat: "other", explanation: "urgent" };
    });
    expect(findingOf(assessUnder("rights-first", request), "emergency")).toMatchObject({
      outcome: "fail",
      effect: "review",
    });
  });

  it("a prosecutor's well-explained threat to life is a valid emergency", () => {
    const request = requestWith((r) => {
      r.urgency = {
        emergency: true,
        threat: "imminent_threat_to_life",
        explanation:
          "A kidnapped child is held by the account holder, who demanded ransom an hour ago and threatened to kill her.",
      };
    });
    expect(findingOf(assessUnder("rights-first", request), "emergency").outcome).toBe("pass");
  });
});
