import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("confidentiality and notice", () => {
  const secret = requestWith((r) => {
    r.confidentiality = { requested: true, months: 36, justification: "Ongoing covert investigation." };
  });

  it("under rights-first, secrecy is capped at 12 months and the person must then be told", () => {
    const assessment = assessUnder("rights-first", secret);
    expect(assessment.notification).toMatchObject({
      duty: "required",
      secrecy_allowed_months: 12,
      secrecy_requested_months: 36,
    });
    expect(findingOf(assessment, "confidentiality").outcome).toBe("flag");
  });

  it("under the UN Convention nothing ends secrecy and no one must ever tell the person", () => {
    const assessment = assessUnder("un-cybercrime-2024", secret);
    expect(assessment.notification).toMatchObject({ duty: "none", secrecy_allowed_months: null });
  });
});
