import swagger from "@fastify/swagger";
import Fastify from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CaseWorkflowFixture, openCaseWorkflow } from "../../../../test/support/case-workflow-app.ts";
import { testDialects } from "../../../../test/support/databases.ts";
import { authPlugin, requireRole } from "../../auth/auth.ts";
import { caseWorkflowRoutes } from "./case-workflow-routes.ts";

describe("caseWorkflowRoutes mounted as src/http/app.ts mounts plugins", () => {
  let f: CaseWorkflowFixture;
  beforeAll(async () => {
    f = await openCaseWorkflow(testDialects[0]!);
  });
  afterAll(async () => {
    await f.cleanup();
  });

  it("documents every route in the OpenAPI document, and lets other routes use requireRole", async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, {
      openapi: { openapi: "3.1.0", info: { title: "t", version: "0" } },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    // App-wide auth (e.g. for the intake journal), then the workflow's plugin, which must not re-install it.
    await app.register(authPlugin, { users: f.users });
    app.get("/v1/intake-journal", { preHandler: requireRole("auditor") }, async () => ({ ok: true }));
    await app.register(caseWorkflowRoutes, {
      prefix: "/v1",
      workflow: { cases: f.cases, users: f.users, accessLog: f.accessLog },
    });
    await app.ready();
    const document = app.swagger() as { paths: Record<string, unknown>; components: { schemas: object } };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/v1/sessions",
        "/v1/me",
        "/v1/cases",
        "/v1/cases/{id}",
        "/v1/cases/{id}/commands",
        "/v1/access-log",
        "/v1/overrides",
        "/v1/users",
        "/v1/users/{id}/disable",
        "/v1/users/{id}/cases/{caseId}",
      ]),
    );
    expect(document.components.schemas).toHaveProperty("Case");
    const journal = await app.inject({ url: "/v1/intake-journal", headers: f.as("auditor") });
    expect(journal.statusCode).toBe(200);
    const me = await app.inject({ url: "/v1/me", headers: f.as("admin") });
    expect(me.json().role).toBe("admin");
    await app.close();
  });
});
