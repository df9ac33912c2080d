import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRequest } from "../../src/core/request/parse-request.ts";
import { assessUnder } from "./assess-with.ts";

const example = (name: string) =>
  parseRequest(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8")));

// The README's walk-through, as a table: each example under each shipped profile.
const TABLE: [string, string, string][] = [
  ["fr-ransomware-subscriber", "un-cybercrime-2024", "execute"],
  ["fr-ransomware-subscriber", "budapest-2001", "execute"],
  ["fr-ransomware-subscriber", "budapest-protocol2-2022", "execute"],
  ["fr-ransomware-subscriber", "eu-e-evidence-2023", "execute"],
  ["fr-ransomware-subscriber", "rights-first", "execute"],
  ["sa-blasphemy-tweets", "un-cybercrime-2024", "review"],
  ["sa-blasphemy-tweets", "budapest-2001", "review"],
  ["sa-blasphemy-tweets", "budapest-protocol2-2022", "review"],
  ["sa-blasphemy-tweets", "eu-e-evidence-2023", "incomplete"],
  ["sa-blasphemy-tweets", "rights-first", "refuse"],
  ["br-fraud-content-us-provider", "un-cybercrime-2024", "review"],
  ["br-fraud-content-us-provider", "budapest-protocol2-2022", "consult"],
  ["br-fraud-content-us-provider", "rights-first", "consult"],
];

describe("the shipped profiles on the README's examples", () => {
  it.each(TABLE)("%s under %s: %s", (name, profile, verdict) => {
    expect(assessUnder(profile, example(name)).verdict).toBe(verdict);
  });

  it("under the UN Convention a request about blasphemy punished by five years is a serious crime whose refusal is only discretionary", () => {
    const assessment = assessUnder("un-cybercrime-2024", example("sa-blasphemy-tweets"));
    const refusing = assessment.findings.filter((f) => f.effect === "refuse");
    expect(refusing).toEqual([]);
    expect(assessment.notification.duty).toBe("none");
  });

  it("under rights-first, the Brazilian court gets the subscriber information at once while the content goes to consultation", () => {
    const assessment = assessUnder("rights-first", example("br-fraud-content-us-provider"));
    expect(assessment.measures).toEqual([
      { type: "subscriber_info", verdict: "execute", requires_authorisation: false },
      { type: "content_data", verdict: "consult", requires_authorisation: true },
    ]);
  });
});
