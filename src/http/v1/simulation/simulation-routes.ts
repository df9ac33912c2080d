/**
 * The treaty comparison (issue 5) over HTTP, for the web console:
 *
 *   GET /v1/simulation                                  lightswitch.simulation/v1 of the shipped corpus
 *   GET /v1/simulation/scenarios                        the corpus: titles, labels, summaries, sources
 *   GET /v1/simulation/assessments/<scenario>/<profile> one cell: the assessment with its cited findings
 *
 * The corpus and the knowledge base do not change while the server runs, so the whole run (69 scenarios
 * × 5 profiles) is computed once, on the first request, and every answer after that comes from memory.
 * Register under the `/v1` prefix: `app.register(simulationRoutes, { prefix: "/v1", law })`.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DEFAULT_PROFILE_ORDER } from "../../../cli/commands/simulate.ts";
import { AppError } from "../../../core/app-error.ts";
import type { Profile } from "../../../core/profiles/profile-schema.ts";
import type { Scenario } from "../../../core/scenario/scenario-schema.ts";
import type { ShippedLaw } from "../../../shell/kb/load-shipped-law.ts";
import { DEFAULT_CORPUS_DIR, loadCorpus } from "../../../shell/simulate/load-corpus.ts";
import { runScenarios, type ScenarioRun } from "../../../shell/simulate/run-scenarios.ts";
import { AssessmentSchema } from "../assessment.types.ts";
import { ErrorBodySchema } from "../error.types.ts";
import {
  SimulationCellParamsSchema,
  SimulationScenariosSchema,
  SimulationSchema,
} from "./simulation.types.ts";

export interface SimulationRoutesOptions {
  readonly law: ShippedLaw;
  /** Scenario directory (default: the shipped `scenarios/`). */
  readonly corpusDir?: string;
}

interface ComputedSimulation extends ScenarioRun {
  readonly scenarios: readonly Scenario[];
}

/** The profiles in the order reports list them, then any others the knowledge base has. */
export function profilesInReportOrder(profiles: ReadonlyMap<string, Profile>): Profile[] {
  const ordered: string[] = DEFAULT_PROFILE_ORDER.filter((id) => profiles.has(id));
  for (const id of [...profiles.keys()].sort()) if (!ordered.includes(id)) ordered.push(id);
  return ordered.map((id) => profiles.get(id)!);
}

/** Runs the corpus under every profile; a broken corpus is the operator's error (see `law check`). */
export function computeSimulation(law: ShippedLaw, corpusDir: string): ComputedSimulation {
  const corpus = loadCorpus(corpusDir);
  if (corpus.problems.length > 0 || corpus.scenarios.length === 0)
    throw new AppError(
      "INTERNAL",
      `the scenario corpus in ${corpusDir} is invalid or empty; run npx lightswitch simulate to see why`,
    );
  return {
    ...runScenarios(corpus.scenarios, profilesInReportOrder(law.profiles), law.kb),
    scenarios: corpus.scenarios,
  };
}

export const simulationRoutes: FastifyPluginAsyncZod<SimulationRoutesOptions> = async (app, options) => {
  const { law } = options;
  let cached: ComputedSimulation | undefined;
  const simulation = (): ComputedSimulation => {
    cached ??= computeSimulation(law, options.corpusDir ?? DEFAULT_CORPUS_DIR);
    return cached;
  };

  app.get(
    "/simulation",
    {
      schema: {
        summary: "The treaty comparison: every scenario of the shipped corpus under every profile",
        tags: ["simulation"],
        response: { 200: SimulationSchema },
      },
    },
    async (_request, reply) =>
      reply.header("cache-control", "public, max-age=300").send(simulation().simulation),
  );

  app.get(
    "/simulation/scenarios",
    {
      schema: {
        summary: "The scenario corpus behind the treaty comparison, with its sources",
        tags: ["simulation"],
        response: { 200: SimulationScenariosSchema },
      },
    },
    async (_request, reply) =>
      reply.header("cache-control", "public, max-age=300").send({
        knowledge_base: law.kb.version,
        scenarios: simulation().scenarios.map(({ name, document }) => ({
          name,
          title: document.title,
          label: document.label,
          summary: document.summary,
          hard: document.hard === true,
          tags: [...(document.tags ?? [])],
          sources: document.sources.map((s) => (s.url === undefined ? { title: s.title } : s)),
        })),
      }),
  );

  app.get(
    "/simulation/assessments/:scenario/:profile",
    {
      schema: {
        summary: "One cell of the comparison: a scenario's assessment under a profile, with cited findings",
        tags: ["simulation"],
        params: SimulationCellParamsSchema,
        response: { 200: AssessmentSchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { scenario, profile } = request.params;
      const assessment = simulation().assessments.get(scenario)?.get(profile);
      // The app's error handler turns an AppError into `{ error }` with the status of its code.
      if (assessment === undefined)
        throw new AppError(
          "NOT_FOUND",
          `no assessment of scenario "${scenario}" under profile "${profile}"; see GET /v1/simulation`,
        );
      return reply.header("cache-control", "public, max-age=300").send(assessment);
    },
  );
};
