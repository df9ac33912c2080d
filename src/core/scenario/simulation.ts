/**
 * `lightswitch.simulation/v1`: every scenario's verdict under every profile, and per profile the count of
 * each verdict for abusive and for legitimate scenarios. Pure: the shell runs the assessments and hands
 * the verdict table in.
 *
 * Counts (`VerdictCounts`) are exact and disjoint: every scenario assessed under a profile adds 1 to
 * `total` and 1 to exactly one verdict key, so `total = executed + partial + refused + review + consult +
 * incomplete`. Keys are named after the verdicts: execute → `executed`, refuse → `refused`, the others
 * unchanged.
 */
import { VERDICTS, type Verdict } from "../assess/assessment.ts";
import { SCENARIO_LABELS, type ScenarioLabel } from "./scenario-schema.ts";

export const SIMULATION_FORMAT = "lightswitch.simulation/v1";

export const COUNT_KEY_OF_VERDICT = {
  execute: "executed",
  partial: "partial",
  refuse: "refused",
  review: "review",
  consult: "consult",
  incomplete: "incomplete",
} as const satisfies Record<Verdict, string>;
export type CountKey = (typeof COUNT_KEY_OF_VERDICT)[Verdict];

export type VerdictCounts = { readonly total: number } & { readonly [K in CountKey]: number };

export interface ScenarioVerdicts {
  readonly scenario: string;
  readonly label: ScenarioLabel;
  /** Profile id → overall verdict of the assessment under that profile. */
  readonly verdicts: Readonly<Record<string, Verdict>>;
}

export type SimulationSummary = Readonly<Record<string, Readonly<Record<ScenarioLabel, VerdictCounts>>>>;

export interface Simulation {
  readonly format: typeof SIMULATION_FORMAT;
  readonly profiles: readonly string[];
  readonly results: readonly ScenarioVerdicts[];
  readonly summary: SimulationSummary;
}

export function emptyCounts(): { total: number } & Record<CountKey, number> {
  const counts = { total: 0 } as { total: number } & Record<CountKey, number>;
  for (const verdict of VERDICTS) counts[COUNT_KEY_OF_VERDICT[verdict]] = 0;
  return counts;
}

/** Adds one assessment's verdict to a mutable tally. */
export function addVerdict(counts: { total: number } & Record<CountKey, number>, verdict: Verdict): void {
  counts.total += 1;
  counts[COUNT_KEY_OF_VERDICT[verdict]] += 1;
}

/**
 * Per profile and label, how many scenarios got each verdict. A scenario with no verdict for a listed
 * profile is an error in the caller, reported rather than silently skipped.
 */
export function summariseVerdicts(
  profiles: readonly string[],
  results: readonly ScenarioVerdicts[],
): SimulationSummary {
  const summary: Record<string, Record<ScenarioLabel, { total: number } & Record<CountKey, number>>> = {};
  for (const profile of profiles) {
    const byLabel = {} as Record<ScenarioLabel, { total: number } & Record<CountKey, number>>;
    for (const label of SCENARIO_LABELS) byLabel[label] = emptyCounts();
    summary[profile] = byLabel;
  }
  for (const result of results) {
    for (const profile of profiles) {
      const verdict = result.verdicts[profile];
      if (verdict === undefined)
        throw new Error(`scenario ${result.scenario} has no verdict under ${profile}`);
      const byLabel = summary[profile];
      if (byLabel !== undefined) addVerdict(byLabel[result.label], verdict);
    }
  }
  return summary;
}

/** The whole `lightswitch.simulation/v1` document, results in the order given. */
export function buildSimulation(
  profiles: readonly string[],
  results: readonly ScenarioVerdicts[],
): Simulation {
  return {
    format: SIMULATION_FORMAT,
    profiles: [...profiles],
    results,
    summary: summariseVerdicts(profiles, results),
  };
}
