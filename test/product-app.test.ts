/**
 * The product as `lightswitch serve` assembles it: intake, the case workflow, reports, notices, the key
 * directory and the console in one app, on a fresh data directory.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/core/case/case-events.ts";
import { buildApp } from "../src/http/app.ts";
import { openCaseWorkflow } from "../src/shell/cases/case-workflow-services.ts";
import { type CaseService, openCaseService } from "../src/shell/intake/open-case-service.ts";
import { ReportIndex } from "../src/shell/reports/report-index.ts";

const PASSWORD = "a long enough test password";
let dir: string;
let service: CaseService;
let app: FastifyInstance;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lightswitch-product-"));
  service = await openCaseService({ dataDir: dir });
  const workflow = openCaseWorkflow({ database: service.database, log: service.log, dataDir: dir });
  for (const role of ["case_worker", "authoriser", "auditor", "admin"] as const) {
    await workflow.users.create({ name: role, email: `${role}@test.example`, role, password: PASSWORD });
    tokens[role] = (await workflow.users.login(`${role}@test.example`, PASSWORD)).token;
  }
  app = await buildApp({
    law: service.law,
    intake: service.intake,
    log: { reader: service.log.reader, origin: service.log.origin },
    workflow,
    directory: service.directory,
    reports: { index: new ReportIndex(service.database.db, service.database.dialect) },
    web: {},
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });

describe("the assembled product", () => {
  it("shows the intake journal, forged attempts included, to auditors only", async () => {
    expect((await app.inject({ method: "GET", url: "/v1/intake-journal" })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: "GET", url: "/v1/intake-journal", headers: as("case_worker") })).statusCode,
    ).toBe(403);
    const forged = await app.inject({
      method: "POST",
      url: "/v1/requests",
      payload: { request: {}, signature: "x..y" },
    });
    expect(forged.statusCode).toBeGreaterThanOrEqual(400);
    const journal = await app.inject({ method: "GET", url: "/v1/intake-journal", headers: as("auditor") });
    expect(journal.statusCode).toBe(200);
    expect(journal.json<{ entries: unknown[] }>().entries.length).toBeGreaterThan(0);
  });

  it("lets admins keep the key directory over the API, and auditors read it", async () => {
    const publicKey = generateKeyPairSync("ed25519")
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    const body = { id: "br-pf-test", state: "BR", kind: "police", name: "Federal Police", publicKey };
    expect(
      (
        await app.inject({
          method: "POST",
          url: "/v1/authorities",
          payload: body,
          headers: as("case_worker"),
        })
      ).statusCode,
    ).toBe(403);
    const created = await app.inject({
      method: "POST",
      url: "/v1/authorities",
      payload: body,
      headers: as("admin"),
    });
    expect(created.statusCode).toBe(201);
    const listed = await app.inject({ method: "GET", url: "/v1/authorities", headers: as("auditor") });
    expect(listed.json<{ authorities: { id: string }[] }>().authorities.map((a) => a.id)).toContain(
      "br-pf-test",
    );
    const revoked = await app.inject({
      method: "POST",
      url: "/v1/authorities/br-pf-test/revoke",
      headers: as("admin"),
    });
    expect(revoked.json<{ status: string }>().status).toBe("revoked");
  });

  it("describes every part of the API in its OpenAPI document", async () => {
    const paths = Object.keys(
      (await app.inject({ method: "GET", url: "/v1/openapi.json" })).json<{ paths: object }>().paths,
    );
    for (const path of ["/v1/requests", "/v1/cases", "/v1/authorities", "/v1/reports", "/log/checkpoint"])
      expect(paths).toContain(path);
  });

  it("serves the console at / (or says how to build it)", async () => {
    expect([200, 503]).toContain((await app.inject({ method: "GET", url: "/" })).statusCode);
  });
});
