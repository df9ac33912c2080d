/**
 * The case workflow's whole HTTP side as one plugin, mounted under `/v1`:
 *
 *   await app.register(caseWorkflowRoutes, { prefix: "/v1", workflow });
 *
 * It installs the bearer-session auth (request.user) for its routes and registers the sessions, case
 * and user routes. To guard other routes with `requireRole`, register `authPlugin` on the app instead.
 */
import type { FastifyPluginAsync } from "fastify";
import type { CaseWorkflow } from "../../../shell/cases/case-workflow-services.ts";
import { authPlugin } from "../../auth/auth.ts";
import { sessionRoutes } from "../../auth/sessions.ts";
import { userRoutes } from "../users/user-routes.ts";
import { caseRoutes } from "./case-routes.ts";

export interface CaseWorkflowRoutesOptions {
  readonly workflow: Pick<CaseWorkflow, "cases" | "users" | "accessLog">;
  readonly now?: () => Date;
}

export const caseWorkflowRoutes: FastifyPluginAsync<CaseWorkflowRoutesOptions> = async (app, options) => {
  const { cases, users, accessLog } = options.workflow;
  await app.register(authPlugin, { users });
  await app.register(sessionRoutes, { users });
  await app.register(caseRoutes, {
    cases,
    users,
    accessLog,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  await app.register(userRoutes, { users });
};
