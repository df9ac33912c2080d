/**
 * Schemas of the treaty comparison routes for the OpenAPI document. `lightswitch.simulation/v1` is the
 * core's `Simulation` (src/core/scenario/simulation.ts), the same document `lightswitch simulate --json`
 * prints; records are loose (`z.record`) so the serializer never drops a profile or a count.
 */
import { z } from "zod";
import { VERDICTS } from "../../../core/assess/assessment.ts";
import {
  SCENARIO_LABELS,
  SCENARIO_NAME_PATTERN,
  SCENARIO_TAGS,
} from "../../../core/scenario/scenario-schema.ts";
import { SIMULATION_FORMAT } from "../../../core/scenario/simulation.ts";

const Count = z.number().int().nonnegative();
const VerdictCountsSchema = z.object({
  total: Count,
  executed: Count,
  partial: Count,
  refused: Count,
  review: Count,
  consult: Count,
  incomplete: Count,
});

export const SimulationSchema = z
  .object({
    format: z.literal(SIMULATION_FORMAT),
    profiles: z.array(z.string()).readonly(),
    results: z
      .array(
        z.object({
          scenario: z.string(),
          label: z.enum(SCENARIO_LABELS),
          verdicts: z.record(z.string(), z.enum(VERDICTS)),
        }),
      )
      .readonly(),
    summary: z.record(
      z.string(),
      z.object({ abusive: VerdictCountsSchema, legitimate: VerdictCountsSchema }),
    ),
  })
  .meta({
    id: "Simulation",
    description:
      "lightswitch.simulation/v1: every scenario's verdict under every profile, and per profile the count of each verdict for abusive and legitimate scenarios",
  });

export const SimulationScenarioSchema = z.object({
  name: z.string(),
  title: z.string(),
  label: z.enum(SCENARIO_LABELS),
  summary: z.string(),
  hard: z.boolean(),
  tags: z.array(z.enum(SCENARIO_TAGS)),
  sources: z.array(z.object({ title: z.string(), url: z.string().optional() })),
});

export const SimulationScenariosSchema = z
  .object({
    knowledge_base: z.string().describe("content hash of the knowledge base the verdicts come from"),
    scenarios: z.array(SimulationScenarioSchema),
  })
  .meta({ id: "SimulationScenarios", description: "The scenario corpus: titles, labels and sources" });

export const SimulationCellParamsSchema = z.object({
  scenario: z.string().max(200).regex(SCENARIO_NAME_PATTERN),
  profile: z.string().min(1).max(200),
});
