import { describe, expect, it } from "vitest";
import { buildSimulation } from "../../core/scenario/simulation.ts";
import { quoteCsvField, renderCsv } from "./csv-report.ts";

describe("CSV quoting (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['say "no"', '"say ""no"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["", ""],
  ])("%j is written as %j", (value, expected) => {
    expect(quoteCsvField(value)).toBe(expected);
  });
});

describe("the CSV matrix", () => {
  it("has a header, one CRLF-terminated row per scenario and a verdict per profile", () => {
    const simulation = buildSimulation(
      ["a", "b"],
      [
        { scenario: "x-1", label: "abusive", verdicts: { a: "refuse", b: "review" } },
        { scenario: "y-2", label: "legitimate", verdicts: { a: "execute", b: "partial" } },
      ],
    );
    const csv = renderCsv(simulation, new Map([["x-1", 'Russia: "fake news", a post']]));
    expect(csv).toBe(
      'scenario,label,title,a,b\r\nx-1,abusive,"Russia: ""fake news"", a post",refuse,review\r\ny-2,legitimate,,execute,partial\r\n',
    );
  });
});
