import { describe, expect, it } from "vitest";
import { assessUnder, findingsOf } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("measures, thresholds and authorisation", () => {
  it("under e-Evidence, content data for an offence punishable by 2 years that is not a listed offence is refused", () => {
    const request = requestWith((r) => {
      r.case.conduct = ["harassment"];
      r.case.offences = [
        { title: "Harassment", statute: "Code pénal art. 222-33-2", max_penalty_months: 24 },
      ];
      r.requesting.kind = "judge";
      r.measures = [{ type: "content_data", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }];
    });
    const assessment = assessUnder("eu-e-evidence-2023", request);
    expect(
      findingsOf(assessment, "measures").some((f) => f.outcome === "fail" && f.effect === "refuse"),
    ).toBe(true);
    expect(assessment.verdict).toBe("refuse");
  });

  it("under e-Evidence, content data ordered by a prosecutor without a judge's validation is incomplete", () => {
    const request = requestWith((r) => {
      r.measures = [{ type: "content_data" }];
    });
    const assessment = assessUnder("eu-e-evidence-2023", request);
    expect(findingsOf(assessment, "measures").some((f) => f.effect === "incomplete")).toBe(true);
  });

  it("e-Evidence provides no real-time interception", () => {
    const request = requestWith((r) => {
      r.measures = [{ type: "subscriber_info" }, { type: "interception" }];
    });
    const assessment = assessUnder("eu-e-evidence-2023", request);
    expect(assessment.measures.find((m) => m.type === "interception")?.verdict).toBe("refuse");
    expect(assessment.measures.find((m) => m.type === "subscriber_info")?.verdict).not.toBe("refuse");
  });

  it("under rights-first, interception needs independent authorisation", () => {
    const request = requestWith((r) => {
      r.measures = [{ type: "interception", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }];
    });
    const assessment = assessUnder("rights-first", request);
    expect(assessment.measures[0]?.requires_authorisation).toBe(true);
  });
});
