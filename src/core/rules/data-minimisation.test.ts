import { describe, expect, it } from "vitest";
import { assessUnder } from "../../../test/law/assess-with.ts";
import { requestWith } from "../testing/request-builder.ts";

describe("data minimisation", () => {
  const withBulk = requestWith((r) => {
    r.measures = [{ type: "subscriber_info" }, { type: "bulk_dataset" }];
  });

  it("under rights-first, a bulk data set is refused while the specific measure goes ahead: the request is executed in part", () => {
    const assessment = assessUnder("rights-first", withBulk);
    expect(assessment.measures.find((m) => m.type === "bulk_dataset")?.verdict).toBe("refuse");
    expect(assessment.measures.find((m) => m.type === "subscriber_info")?.verdict).toBe("execute");
    expect(assessment.verdict).toBe("partial");
  });

  it("the UN Convention lets police share data for analysis, so nothing refuses the bulk data set there", () => {
    const assessment = assessUnder("un-cybercrime-2024", withBulk);
    expect(assessment.measures.find((m) => m.type === "bulk_dataset")?.verdict).not.toBe("refuse");
  });

  it("the Budapest Convention has no power to obtain a bulk data set", () => {
    const assessment = assessUnder("budapest-2001", withBulk);
    expect(assessment.measures.find((m) => m.type === "bulk_dataset")?.verdict).toBe("refuse");
  });
});
