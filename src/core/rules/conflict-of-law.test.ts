import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("conflict of law", () => {
  const contentFromUsProvider = requestWith((r) => {
    r.requesting = { state: "BR", authority: "Federal Police", authority_id: "br-pf", kind: "judge" };
    r.requested = { state: "US", party: "provider", provider: "Example Mail Inc." };
    r.measures = [{ type: "content_data", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }];
  });

  it("content demanded directly from a US provider conflicts with the Stored Communications Act: the states must consult", () => {
    const assessment = assessUnder("rights-first", contentFromUsProvider);
    const finding = findingOf(assessment, "conflict-of-law");
    expect(finding).toMatchObject({ outcome: "fail", effect: "consult" });
    expect(assessment.verdict).toBe("consult");
  });

  it("subscriber information is not blocked by the Stored Communications Act for a foreign government", () => {
    const request = requestWith((r) => {
      r.requested = { state: "US", party: "provider", provider: "Example Mail Inc." };
    });
    expect(findingOf(assessUnder("rights-first", request), "conflict-of-law").outcome).toBe("pass");
  });

  it("between EU member states under e-Evidence the GDPR's third-country rule does not bite", () => {
    const request = requestWith((r) => {
      r.requested = { state: "IE", party: "provider", provider: "Example Mail Ltd" };
    });
    expect(findingOf(assessUnder("eu-e-evidence-2023", request), "conflict-of-law").outcome).toBe("pass");
  });
});
