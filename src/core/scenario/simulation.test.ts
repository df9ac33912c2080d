import { describe, expect, it } from "vitest";
import { buildSimulation, type ScenarioVerdicts, summariseVerdicts } from "./simulation.ts";

const table: ScenarioVerdicts[] = [
  { scenario: "journalist-tweet", label: "abusive", verdicts: { strict: "refuse", lax: "execute" } },
  { scenario: "blasphemy-post", label: "abusive", verdicts: { strict: "refuse", lax: "review" } },
  { scenario: "lgbt-chat", label: "abusive", verdicts: { strict: "review", lax: "partial" } },
  { scenario: "ransomware", label: "legitimate", verdicts: { strict: "execute", lax: "execute" } },
  { scenario: "grooming", label: "legitimate", verdicts: { strict: "incomplete", lax: "consult" } },
];

describe("summarising a verdict table", () => {
  const summary = summariseVerdicts(["strict", "lax"], table);

  it("counts each verdict per profile for abusive and legitimate scenarios", () => {
    expect(summary.strict?.abusive).toEqual({
      total: 3,
      executed: 0,
      partial: 0,
      refused: 2,
      review: 1,
      consult: 0,
      incomplete: 0,
    });
    expect(summary.lax?.abusive).toEqual({
      total: 3,
      executed: 1,
      partial: 1,
      refused: 0,
      review: 1,
      consult: 0,
      incomplete: 0,
    });
    expect(summary.strict?.legitimate).toEqual({
      total: 2,
      executed: 1,
      partial: 0,
      refused: 0,
      review: 0,
      consult: 0,
      incomplete: 1,
    });
    expect(summary.lax?.legitimate).toEqual({
      total: 2,
      executed: 1,
      partial: 0,
      refused: 0,
      review: 0,
      consult: 1,
      incomplete: 0,
    });
  });

  it("makes every total the sum of its verdict counts", () => {
    for (const byLabel of Object.values(summary)) {
      for (const { total, ...counts } of Object.values(byLabel)) {
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);
      }
    }
  });

  it("gives a profile with no scenarios zero counts, not a missing entry", () => {
    expect(summariseVerdicts(["strict"], []).strict?.legitimate.total).toBe(0);
  });

  it("refuses a table that lacks a verdict for a listed profile", () => {
    expect(() => summariseVerdicts(["strict", "missing"], table)).toThrow(/no verdict under missing/);
  });

  it("builds the lightswitch.simulation/v1 document", () => {
    const simulation = buildSimulation(["strict", "lax"], table);
    expect(simulation.format).toBe("lightswitch.simulation/v1");
    expect(simulation.profiles).toEqual(["strict", "lax"]);
    expect(simulation.results).toHaveLength(5);
  });
});
