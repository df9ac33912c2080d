/**
 * Every endpoint of the case workflow (and the public log) × every role and anonymous → the expected
 * status. A new endpoint without a row here is a gap in this table, so add it when adding the route.
 */
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/core/case/case-events.ts";
import { type CaseWorkflowFixture, openCaseWorkflow, PASSWORD } from "./support/case-workflow-app.ts";
import { testDialects } from "./support/databases.ts";

type Who = Role | "anonymous";
const WHO: readonly Who[] = ["case_worker", "authoriser", "auditor", "admin", "anonymous"];

interface Row {
  readonly endpoint: string;
  /** Builds the request for one caller (fresh cases and users where the call changes state). */
  readonly request: (f: CaseWorkflowFixture, who: Who) => Promise<InjectOptions>;
  readonly expected: Record<Who, number>;
}

const only = (role: Role, ok: number): Record<Who, number> => ({
  case_worker: 403,
  authoriser: 403,
  auditor: 403,
  admin: 403,
  anonymous: 401,
  [role]: ok,
});
const staff = (ok: number): Record<Who, number> => ({
  case_worker: ok,
  authoriser: ok,
  auditor: ok,
  admin: ok,
  anonymous: 401,
});
const everyone = (ok: number): Record<Who, number> => ({ ...staff(ok), anonymous: ok });

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${counter++}`;

async function throwawayUser(f: CaseWorkflowFixture): Promise<string> {
  const user = await f.users.create({
    name: "Throwaway",
    email: `u-${unique()}@example.org`,
    role: "case_worker",
    password: PASSWORD,
  });
  return user.user_id;
}

const ROWS: readonly Row[] = [
  {
    endpoint: "POST /v1/sessions",
    request: async (_f, who) => ({
      method: "POST",
      url: "/v1/sessions",
      payload: { email: `${who}@example.org`, password: PASSWORD },
    }),
    // Anyone may try; "anonymous@example.org" has no account.
    expected: { ...everyone(201), anonymous: 401 },
  },
  {
    endpoint: "DELETE /v1/sessions",
    request: async (f, who) => {
      if (who === "anonymous") return { method: "DELETE", url: "/v1/sessions" };
      const session = await f.users.login(`${who}@example.org`, PASSWORD);
      return { method: "DELETE", url: "/v1/sessions", headers: { authorization: `Bearer ${session.token}` } };
    },
    expected: staff(204),
  },
  { endpoint: "GET /v1/me", request: async () => ({ url: "/v1/me" }), expected: staff(200) },
  { endpoint: "GET /v1/cases", request: async () => ({ url: "/v1/cases" }), expected: staff(200) },
  {
    endpoint: "GET /v1/cases/:id",
    request: async (f) => ({ url: `/v1/cases/${await f.seedCase({ caseId: `c-${unique()}` })}` }),
    expected: { case_worker: 200, authoriser: 200, auditor: 200, admin: 403, anonymous: 401 },
  },
  {
    endpoint: "POST /v1/cases/:id/commands",
    request: async (f) => ({
      method: "POST",
      url: `/v1/cases/${await f.seedCase({ caseId: `c-${unique()}` })}/commands`,
      payload: { kind: "start_review" },
    }),
    // An authoriser reaches the core, which gives review to case workers only.
    expected: { case_worker: 201, authoriser: 403, auditor: 403, admin: 403, anonymous: 401 },
  },
  {
    endpoint: "GET /v1/access-log",
    request: async () => ({ url: "/v1/access-log" }),
    expected: only("auditor", 200),
  },
  {
    endpoint: "GET /v1/overrides",
    request: async () => ({ url: "/v1/overrides" }),
    expected: only("auditor", 200),
  },
  { endpoint: "GET /v1/users", request: async () => ({ url: "/v1/users" }), expected: only("admin", 200) },
  {
    endpoint: "POST /v1/users",
    request: async () => ({
      method: "POST",
      url: "/v1/users",
      payload: { name: "N", email: `n-${unique()}@example.org`, role: "auditor", password: PASSWORD },
    }),
    expected: only("admin", 201),
  },
  {
    endpoint: "POST /v1/users/:id/disable",
    request: async (f) => ({ method: "POST", url: `/v1/users/${await throwawayUser(f)}/disable` }),
    expected: only("admin", 200),
  },
  {
    endpoint: "PUT /v1/users/:id/cases/:caseId",
    request: async (f) => ({
      method: "PUT",
      url: `/v1/users/${await throwawayUser(f)}/cases/${await f.seedCase({ caseId: `c-${unique()}` })}`,
    }),
    expected: only("admin", 200),
  },
  {
    endpoint: "DELETE /v1/users/:id/cases/:caseId",
    request: async (f) => ({
      method: "DELETE",
      url: `/v1/users/${await throwawayUser(f)}/cases/${await f.seedCase({ caseId: `c-${unique()}` })}`,
    }),
    expected: only("admin", 200),
  },
  {
    endpoint: "GET /log/checkpoint",
    request: async () => ({ url: "/log/checkpoint" }),
    expected: everyone(200),
  },
  {
    endpoint: "GET /log/tile/entries/000.p/1",
    request: async () => ({ url: "/log/tile/entries/000.p/1" }),
    expected: everyone(200),
  },
];

for (const dialect of testDialects) {
  describe(`authorisation matrix (${dialect.name})`, () => {
    let f: CaseWorkflowFixture;
    beforeAll(async () => {
      f = await openCaseWorkflow(dialect);
      await f.seedCase(); // the log is not empty
    });
    afterAll(async () => {
      await f.cleanup();
    });

    it("gives every role and anonymous the expected status on every endpoint", async () => {
      const actual: Record<string, Record<Who, number>> = {};
      const expected: Record<string, Record<Who, number>> = {};
      for (const row of ROWS) {
        expected[row.endpoint] = row.expected;
        actual[row.endpoint] = {} as Record<Who, number>;
        for (const who of WHO) {
          const options = await row.request(f, who);
          const headers = who === "anonymous" || options.headers !== undefined ? options.headers : f.as(who);
          const response = await f.app.inject({ ...options, ...(headers === undefined ? {} : { headers }) });
          (actual[row.endpoint] as Record<Who, number>)[who] = response.statusCode;
        }
      }
      expect(actual).toEqual(expected);
    });
  });
}
