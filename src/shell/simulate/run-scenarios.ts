/** Runs every scenario under every profile: the verdict table, and the assessments behind it for reports. */
import { assessRequest } from "../../core/assess/assess.ts";
import type { Assessment } from "../../core/assess/assessment.ts";
import type { KnowledgeBase } from "../../core/law/knowledge-base.ts";
import type { Profile } from "../../core/profiles/profile-schema.ts";
import type { Request } from "../../core/request/request-schema.ts";
import type { Scenario } from "../../core/scenario/scenario-schema.ts";
import { buildSimulation, type ScenarioVerdicts, type Simulation } from "../../core/scenario/simulation.ts";

export interface ScenarioRun {
  readonly simulation: Simulation;
  /** `assessments.get(scenarioName)?.get(profileId)`. */
  readonly assessments: ReadonlyMap<string, ReadonlyMap<string, Assessment>>;
}

/** `onProgress(done, total)` is called after each assessment (for a progress bar). */
export function runScenarios(
  scenarios: readonly Scenario[],
  profiles: readonly Profile[],
  kb: KnowledgeBase,
  onProgress?: (done: number, total: number) => void,
): ScenarioRun {
  const total = scenarios.length * profiles.length;
  let done = 0;
  const results: ScenarioVerdicts[] = [];
  const assessments = new Map<string, Map<string, Assessment>>();
  for (const scenario of scenarios) {
    const verdicts: Record<string, Assessment["verdict"]> = {};
    const byProfile = new Map<string, Assessment>();
    for (const profile of profiles) {
      const assessment = assessRequest(scenario.document.request as Request, profile, kb);
      verdicts[profile.id] = assessment.verdict;
      byProfile.set(profile.id, assessment);
      onProgress?.(++done, total);
    }
    results.push({ scenario: scenario.name, label: scenario.document.label, verdicts });
    assessments.set(scenario.name, byProfile);
  }
  return {
    simulation: buildSimulation(
      profiles.map((p) => p.id),
      results,
    ),
    assessments,
  };
}
