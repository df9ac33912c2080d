import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, HTTP_STATUS } from "../../../core/app-error.ts";
import { loadShippedLaw } from "../../../shell/kb/load-shipped-law.ts";
import { loadCorpus } from "../../../shell/simulate/load-corpus.ts";
import { runScenarios } from "../../../shell/simulate/run-scenarios.ts";
import { profilesInReportOrder, simulationRoutes } from "./simulation-routes.ts";

describe("treaty comparison routes", () => {
  const law = loadShippedLaw();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    // As the app does (src/http/app.ts): an AppError becomes `{ error }` with its code's status.
    app.setErrorHandler(async (error, _request, reply) =>
      error instanceof AppError
        ? reply.code(HTTP_STATUS[error.code]).send(error.toJSON())
        : reply.send(error),
    );
    await app.register(simulationRoutes, { prefix: "/v1", law });
  });
  afterAll(async () => app.close());

  it("serves lightswitch.simulation/v1 of the shipped corpus, the same document the CLI computes", async () => {
    const response = await app.inject({ method: "GET", url: "/v1/simulation" });
    expect(response.statusCode).toBe(200);
    const expected = runScenarios(loadCorpus().scenarios, profilesInReportOrder(law.profiles), law.kb);
    expect(response.json()).toEqual(JSON.parse(JSON.stringify(expected.simulation)));
  });

  it("lists the profiles in report order, the UN Convention first and rights-first last", async () => {
    const { profiles } = (await app.inject({ method: "GET", url: "/v1/simulation" })).json();
    expect(profiles[0]).toBe("un-cybercrime-2024");
    expect(profiles.at(-1)).toBe("rights-first");
    expect(profiles).toHaveLength(law.profiles.size);
  });

  it("serves the same bytes on every request (computed once)", async () => {
    const first = await app.inject({ method: "GET", url: "/v1/simulation" });
    const second = await app.inject({ method: "GET", url: "/v1/simulation" });
    expect(second.body).toBe(first.body);
  });

  it("serves the corpus with titles, labels and at least one source per scenario", async () => {
    const response = await app.inject({ method: "GET", url: "/v1/simulation/scenarios" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.knowledge_base).toBe(law.kb.version);
    expect(body.scenarios.length).toBe(loadCorpus().scenarios.length);
    for (const scenario of body.scenarios) {
      expect(scenario.title).not.toBe("");
      expect(scenario.sources.length).toBeGreaterThan(0);
    }
  });

  it("serves one cell's assessment with its cited findings", async () => {
    const { results } = (await app.inject({ method: "GET", url: "/v1/simulation" })).json();
    const { scenario, verdicts } = results[0];
    const response = await app.inject({
      method: "GET",
      url: `/v1/simulation/assessments/${scenario}/rights-first`,
    });
    expect(response.statusCode).toBe(200);
    const assessment = response.json();
    expect(assessment.format).toBe("lightswitch.assessment/v1");
    expect(assessment.verdict).toBe(verdicts["rights-first"]);
    expect(assessment.findings.some((f: { citations: unknown[] }) => f.citations.length > 0)).toBe(true);
  });

  it.each([
    ["an unknown scenario", "/v1/simulation/assessments/no-such-scenario/rights-first"],
    ["an unknown profile", "/v1/simulation/assessments/no-such-scenario/no-such-profile"],
  ])("answers %s with 404 NOT_FOUND", async (_name, url) => {
    const response = await app.inject({ method: "GET", url });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
  });
});
