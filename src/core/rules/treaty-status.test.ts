import { describe, expect, it } from "vitest";
import { assessUnder, findingOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("treaty status", () => {
  it("the UN Convention is not in force: this is flagged, never a refusal", () => {
    const finding = findingOf(assessUnder("un-cybercrime-2024", requestWith()), "treaty-status");
    expect(finding).toMatchObject({ outcome: "flag", effect: "none" });
    expect(finding.explanation).toContain("not in force");
  });

  it("rights-first is a policy, not a treaty: it reports no treaty status", () => {
    expect(assessUnder("rights-first", requestWith()).findings.some((f) => f.rule === "treaty-status")).toBe(
      false,
    );
  });
});
