/**
 * The case workflow on a fresh test database (any dialect): its stores, a log, a data key, a clock the
 * test controls, one logged-in user per role, and a Fastify app with the auth plugin, the session, case
 * and user routes under /v1 and the log under /log — built here as the team's app will mount them.
 * Cases are seeded as intake records them: a `cases` row (request encrypted) and `recordIntakeCase`.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { assessRequest } from "../../src/core/assess/assess.ts";
import type { Role } from "../../src/core/case/case-events.ts";
import { canonicalBytes } from "../../src/core/intake/canonical-json.ts";
import type { Request } from "../../src/core/request/request-schema.ts";
import { type RequestDraft, requestWith } from "../../src/core/testing/request-builder.ts";
import { answerErrors } from "../../src/http/answer-errors.ts";
import { logRoutes } from "../../src/http/log-routes.ts";
import { logAnsweredRequests, withPrivateRequestLog } from "../../src/http/request-log.ts";
import { caseWorkflowRoutes } from "../../src/http/v1/cases/case-workflow-routes.ts";
import { AccessLog } from "../../src/shell/access-log/access-log.ts";
import { CaseStore } from "../../src/shell/cases/case-store.ts";
import { withCaseTables } from "../../src/shell/cases/case-tables.ts";
import { recordIntakeCase } from "../../src/shell/cases/record-intake-case.ts";
import {
  caseColumnContext,
  type DataKey,
  encryptPersonalData,
} from "../../src/shell/crypto/personal-data.ts";
import { loadShippedLaw } from "../../src/shell/kb/load-shipped-law.ts";
import { loadOrCreateLogKey } from "../../src/shell/log/log-keys.ts";
import { type LogService, openLogService } from "../../src/shell/log/log-service.ts";
import { UserStore } from "../../src/shell/users/user-store.ts";
import type { TestDatabase, TestDialect } from "./databases.ts";

export const PASSWORD = "correct horse battery staple";
export const START = "2026-10-02T09:00:00.000Z";

export interface Clock {
  now(): Date;
  set(iso: string): void;
}

export interface SeedOptions {
  readonly caseId?: string;
  readonly profile?: string;
  readonly receivedAt?: string;
  readonly change?: (draft: RequestDraft) => void;
}

export interface CaseWorkflowFixture {
  readonly database: TestDatabase;
  readonly log: LogService;
  readonly dataKey: DataKey;
  readonly clock: Clock;
  readonly cases: CaseStore;
  readonly users: UserStore;
  readonly accessLog: AccessLog;
  readonly app: FastifyInstance;
  /** A session token and user id per role. */
  readonly staff: Record<Role, { readonly token: string; readonly userId: string }>;
  /** Opens a case the way intake does; returns its id. */
  seedCase(options?: SeedOptions): Promise<string>;
  /** `Authorization` header for a role. */
  as(role: Role): { authorization: string };
  cleanup(): Promise<void>;
}

export async function openCaseWorkflow(
  dialect: TestDialect,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<CaseWorkflowFixture> {
  const database = await dialect.open();
  const keyDir = mkdtempSync(join(tmpdir(), "lightswitch-cases-"));
  const log = await openLogService({
    database,
    key: loadOrCreateLogKey(keyDir, "test.example/cases"),
    intervalMs: 5,
  });
  const dataKey = randomBytes(32) as DataKey;
  let current = new Date(START);
  const clock: Clock = { now: () => current, set: (iso) => (current = new Date(iso)) };
  const users = new UserStore({ db: database.db, now: () => clock.now().getTime() });
  const accessLog = new AccessLog({ db: database.db, now: () => clock.now().getTime() });
  const cases = new CaseStore({ db: database.db, log, dataKey });
  const app = await buildTestApp({ users, cases, accessLog, log, clock, logger: options.logger });

  const staff = {} as Record<Role, { token: string; userId: string }>;
  for (const role of ["case_worker", "authoriser", "auditor", "admin"] as const) {
    const email = `${role}@example.org`;
    const user = await users.create({ name: `The ${role}`, email, role, password: PASSWORD });
    const session = await users.login(email, PASSWORD);
    staff[role] = { token: session.token, userId: user.user_id };
  }

  const law = loadShippedLaw();
  const db = withCaseTables(database.db);
  let seeded = 0;
  async function seedCase(seed: SeedOptions = {}): Promise<string> {
    seeded++;
    const caseId = seed.caseId ?? `case-${seeded}`;
    const request: Request = requestWith((r) => {
      r.id = `req-${caseId}`;
      seed.change?.(r);
    });
    const profile = law.profiles.get(seed.profile ?? "eu-e-evidence-2023");
    if (profile === undefined) throw new Error(`no profile ${seed.profile}`);
    const assessment = assessRequest(request, profile, law.kb);
    const receivedAt = seed.receivedAt ?? clock.now().toISOString();
    const canonical = canonicalBytes(request);
    const salt = randomBytes(32);
    const authority = request.requesting.authority_id;
    const known = await db
      .selectFrom("authorities")
      .select("id")
      .where("id", "=", authority)
      .executeTakeFirst();
    if (known === undefined)
      await db
        .insertInto("authorities")
        .values({
          id: authority,
          state: request.requesting.state,
          kind: "prosecutor",
          name: "Test",
          created_at: 0,
        })
        .execute();
    await db
      .insertInto("cases")
      .values({
        case_id: caseId,
        authority_id: authority,
        request_id: request.id,
        request_sha256: createHash("sha256").update(canonical).digest("hex"),
        request_json: encryptPersonalData(
          dataKey,
          new TextDecoder().decode(canonical),
          caseColumnContext(caseId, "request_json"),
        ),
        signature: "test",
        commitment_salt: salt.toString("hex"),
        profile: profile.id,
        verdict: assessment.verdict,
        assessment_json: encryptPersonalData(
          dataKey,
          JSON.stringify(assessment),
          caseColumnContext(caseId, "assessment_json"),
        ),
        received_at: Date.parse(receivedAt),
      })
      .execute();
    await recordIntakeCase(database.db, log, dataKey, {
      caseId,
      request,
      canonical,
      requestSha256: createHash("sha256").update(canonical).digest("hex"),
      assessment,
      profile,
      salt,
      receivedAt: new Date(receivedAt),
    });
    return caseId;
  }

  return {
    database,
    log,
    dataKey,
    clock,
    cases,
    users,
    accessLog,
    app,
    staff,
    seedCase,
    as: (role) => ({ authorization: `Bearer ${staff[role].token}` }),
    async cleanup() {
      await app.close();
      await log.close();
      await database.cleanup();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

async function buildTestApp(deps: {
  users: UserStore;
  cases: CaseStore;
  accessLog: AccessLog;
  log: LogService;
  clock: Clock;
  logger: FastifyServerOptions["logger"] | undefined;
}): Promise<FastifyInstance> {
  const app = Fastify({ logger: withPrivateRequestLog(deps.logger), disableRequestLogging: true });
  logAnsweredRequests(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  answerErrors(app);
  await app.register(caseWorkflowRoutes, {
    prefix: "/v1",
    workflow: { cases: deps.cases, users: deps.users, accessLog: deps.accessLog },
    now: deps.clock.now,
  });
  await app.register(logRoutes, { prefix: "/log", reader: deps.log.reader });
  await app.ready();
  return app;
}
