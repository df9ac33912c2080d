/**
 * A server for the staff console's end-to-end tests: the web console built fresh from web/ into a temp
 * directory; the auth, session, case and user routes (caseWorkflowRoutes), the intake journal, the
 * key directory of authorities (one registered), the profiles and the transparency log, on a temp SQLite store (test/support/case-workflow-app.ts) with one
 * user per role and a few cases opened the way intake opens them. The clock is the real one at start, so
 * that the browser's sessions are live. Listens on 127.0.0.1, on a free port.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { build } from "vite";
import { AppError, HTTP_STATUS } from "../../src/core/app-error.ts";
import type { Actor, Role } from "../../src/core/case/case-events.ts";
import { canonicalBytes } from "../../src/core/intake/canonical-json.ts";
import { signDetachedJws } from "../../src/core/intake/detached-jws.ts";
import { authPlugin } from "../../src/http/auth/auth.ts";
import { logRoutes } from "../../src/http/log-routes.ts";
import { authorityRoutes } from "../../src/http/v1/authorities/authority-routes.ts";
import { caseWorkflowRoutes } from "../../src/http/v1/cases/case-workflow-routes.ts";
import { intakeJournalRoute } from "../../src/http/v1/intake-journal.ts";
import { profilesRoute } from "../../src/http/v1/profiles.ts";
import { webRoutes } from "../../src/http/web-routes.ts";
import type { AuthorityDirectory } from "../../src/shell/authorities/authority-directory.ts";
import { IntakeService } from "../../src/shell/intake/intake-service.ts";
import { withIntakeTables } from "../../src/shell/intake/intake-tables.ts";
import { openDirectory } from "../../src/shell/intake/open-case-service.ts";
import { loadShippedLaw } from "../../src/shell/kb/load-shipped-law.ts";
import { type CaseWorkflowFixture, openCaseWorkflow, PASSWORD } from "../support/case-workflow-app.ts";
import { testDialects } from "../support/databases.ts";
import { exampleRequest } from "../support/test-case-service.ts";

export { PASSWORD };

const DAY_MS = 86_400_000;

export interface CaseConsoleServer {
  readonly url: string;
  /** The seeded cases by what they are for. */
  readonly cases: {
    /** Received 40 days ago: overdue. */
    readonly late: string;
    /** An emergency: the assessor sends it to review. */
    readonly emergency: string;
    readonly normal: string;
    /** Content data under rights-first, approved: awaiting an authoriser. */
    readonly awaitingAuthorisation: string;
    /** Refused against the assessor's "execute", with a reason. */
    readonly overridden: string;
  };
  /** Each role's e-mail address (the password is PASSWORD) and user id. */
  readonly staff: Record<Role, { readonly email: string; readonly userId: string }>;
  close(): Promise<void>;
}

async function buildConsole(outDir: string): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env["NODE_ENV"];
  process.env["NODE_ENV"] = "production";
  try {
    await build({
      configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)),
      mode: "production",
      build: { outDir, emptyOutDir: true, sourcemap: false },
      logLevel: "warn",
    });
  } finally {
    if (nodeEnv === undefined) delete process.env["NODE_ENV"];
    else process.env["NODE_ENV"] = nodeEnv;
  }
}

/** A forged and a malformed submission, so that the intake journal shows rejections. */
async function submitRejectedRequests(
  f: CaseWorkflowFixture,
  directory: AuthorityDirectory,
): Promise<IntakeService> {
  const intake = new IntakeService({
    db: withIntakeTables(f.database.db),
    directory,
    law: loadShippedLaw(),
    now: () => f.clock.now().getTime(),
  });
  const registered = generateKeyPairSync("ed25519");
  await directory.add({
    id: "fr-pp-paris-j3",
    state: "FR",
    kind: "prosecutor",
    name: "Paris Public Prosecutor, J3",
    publicKey: registered.publicKey.export({ type: "spki", format: "pem" }).toString(),
  });
  const request = exampleRequest();
  const forger = generateKeyPairSync("ed25519").privateKey;
  const forged = { request, signature: signDetachedJws(canonicalBytes(request), forger, "fr-pp-paris-j3") };
  for (const body of [JSON.stringify(forged), "{ not json"]) {
    await intake.submit(new TextEncoder().encode(body)).catch(() => undefined);
  }
  return intake;
}

export async function startCaseConsoleServer(): Promise<CaseConsoleServer> {
  const dir = mkdtempSync(join(tmpdir(), "lightswitch-case-e2e-"));
  const dist = join(dir, "dist");
  await buildConsole(dist);

  const sqlite = testDialects.find((dialect) => dialect.name === "sqlite");
  if (sqlite === undefined) throw new Error("no SQLite test dialect");
  const f = await openCaseWorkflow(sqlite);
  f.clock.set(new Date().toISOString());
  const now = f.clock.now();

  const late = await f.seedCase({
    caseId: "case-late",
    receivedAt: new Date(now.getTime() - 40 * DAY_MS).toISOString(),
  });
  const emergency = await f.seedCase({
    caseId: "case-emergency",
    change: (r) => {
      r.urgency = { emergency: true, threat: "imminent_threat_to_life", explanation: "A child is missing." };
    },
  });
  const normal = await f.seedCase({ caseId: "case-normal" });
  const awaitingAuthorisation = await f.seedCase({
    caseId: "case-content",
    profile: "rights-first",
    change: (r) => {
      r.measures = [{ type: "content_data", from: "2026-09-01T00:00:00Z", to: "2026-09-20T00:00:00Z" }];
    },
  });
  const overridden = await f.seedCase({ caseId: "case-overridden" });
  const caseWorker: Actor = { kind: "user", user_id: f.staff.case_worker.userId, role: "case_worker" };
  const at = () => f.clock.now().toISOString();
  for (const id of [awaitingAuthorisation, overridden])
    await f.cases.execute(id, { kind: "start_review" }, caseWorker, at());
  await f.cases.execute(
    awaitingAuthorisation,
    { kind: "decide", decision: "approve", reason: "", grounds: [] },
    caseWorker,
    at(),
  );
  await f.cases.execute(
    overridden,
    {
      kind: "decide",
      decision: "refuse",
      reason: "The suspect is a security researcher who reported the flaw; no criminal intent.",
      grounds: ["good-faith"],
    },
    caseWorker,
    at(),
  );
  const directory = openDirectory(f.database);
  const intake = await submitRejectedRequests(f, directory);

  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The same mapping as src/http/app.ts: AppError codes → status, schema failures → INVALID_INPUT.
  app.setErrorHandler(async (error, _request, reply) => {
    const appError =
      error instanceof AppError
        ? error
        : hasZodFastifySchemaValidationErrors(error)
          ? new AppError("INVALID_INPUT", "invalid input", {
              issues: error.validation.map((v) => ({
                path: v.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(root)",
                message: v.message ?? "invalid",
              })),
            })
          : new AppError("INTERNAL", "internal error");
    return reply.code(HTTP_STATUS[appError.code]).send(appError.toJSON());
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send(new AppError("NOT_FOUND", `no route ${request.method} ${request.url}`).toJSON()),
  );
  // As src/http/app.ts: the session auth on every route, so that the intake journal is for auditors only.
  await app.register(authPlugin, { users: f.users });
  await app.register(caseWorkflowRoutes, {
    prefix: "/v1",
    workflow: { cases: f.cases, users: f.users, accessLog: f.accessLog },
    now: f.clock.now,
  });
  await app.register(profilesRoute, { prefix: "/v1", law: loadShippedLaw() });
  await app.register(authorityRoutes, { prefix: "/v1", directory });
  await app.register(intakeJournalRoute, { prefix: "/v1", intake, auditorsOnly: true });
  await app.register(logRoutes, { prefix: "/log", reader: f.log.reader });
  await app.register(webRoutes, { distDir: dist });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });

  const staff = {} as Record<Role, { email: string; userId: string }>;
  for (const role of ["case_worker", "authoriser", "auditor", "admin"] as const)
    staff[role] = { email: `${role}@example.org`, userId: f.staff[role].userId };

  return {
    url,
    cases: { late, emergency, normal, awaitingAuthorisation, overridden },
    staff,
    async close() {
      await app.close();
      await f.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
