/**
 * The shapes the treaty comparison page reads from /v1/simulation (src/http/v1/simulation/). The
 * server's core types stay on the server: the console is built separately and reads JSON.
 */
export { VERDICTS, type Verdict } from "../../src/core/assess/assessment.ts";

import type { Verdict } from "../../src/core/assess/assessment.ts";
export type ScenarioLabel = "abusive" | "legitimate";

/** Count keys of lightswitch.simulation/v1, per verdict. */
export const COUNT_KEY = {
  execute: "executed",
  partial: "partial",
  refuse: "refused",
  review: "review",
  consult: "consult",
  incomplete: "incomplete",
} as const satisfies Record<Verdict, string>;
export type VerdictCounts = { readonly total: number } & {
  readonly [K in (typeof COUNT_KEY)[Verdict]]: number;
};

export interface Simulation {
  readonly format: "lightswitch.simulation/v1";
  readonly profiles: readonly string[];
  readonly results: readonly {
    readonly scenario: string;
    readonly label: ScenarioLabel;
    readonly verdicts: Readonly<Record<string, Verdict>>;
  }[];
  readonly summary: Readonly<Record<string, Readonly<Record<ScenarioLabel, VerdictCounts>>>>;
}

export interface SimulationScenario {
  readonly name: string;
  readonly title: string;
  readonly label: ScenarioLabel;
  readonly summary: string;
  readonly hard: boolean;
  readonly tags: readonly string[];
  readonly sources: readonly { readonly title: string; readonly url?: string }[];
}

export interface SimulationScenarios {
  readonly knowledge_base: string;
  readonly scenarios: readonly SimulationScenario[];
}

export interface Citation {
  readonly instrument: string;
  readonly article: string;
  readonly url?: string;
  readonly verified?: boolean;
}

export interface Finding {
  readonly rule: string;
  readonly outcome: "pass" | "fail" | "flag" | "not_applicable";
  readonly effect: string;
  readonly explanation: string;
  readonly citations: readonly Citation[];
  readonly measures?: readonly string[];
  readonly facts?: readonly {
    readonly jurisdiction: string;
    readonly fact: string;
    readonly verified: boolean;
  }[];
}

export interface Assessment {
  readonly format: "lightswitch.assessment/v1";
  readonly request_id: string;
  readonly profile: string;
  readonly verdict: Verdict;
  readonly measures: readonly {
    readonly type: string;
    readonly verdict: Verdict;
    readonly requires_authorisation: boolean;
  }[];
  readonly findings: readonly Finding[];
  readonly notification: {
    readonly duty: string;
    readonly explanation: string;
    readonly citations: readonly Citation[];
  };
}

/** Verdict colours (the same as the CLI's HTML report), chosen to stay apart for colour-blind readers with the text labels. */
export const VERDICT_COLOUR: Record<Verdict, string> = {
  execute: "#2e7d32",
  partial: "#9ccc65",
  review: "#ffb300",
  consult: "#7e57c2",
  incomplete: "#9e9e9e",
  refuse: "#c62828",
};

/** Text colour readable on each verdict colour. */
export const VERDICT_TEXT: Record<Verdict, string> = {
  execute: "#fff",
  partial: "#1b1b1b",
  review: "#1b1b1b",
  consult: "#fff",
  incomplete: "#1b1b1b",
  refuse: "#fff",
};
