/**
 * The Fastify app: the JSON API under `/v1` (OpenAPI 3.1 at /v1/openapi.json), the transparency log
 * under `/log` (tlog-tiles), and a plain page at `/`. One error path: every error becomes an AppError
 * and its status comes from HTTP_STATUS; the body is `{ error: { code, message, issues } }`.
 * Tests use `app.inject()`; `lightswitch serve` calls `listen`.
 */
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { AppError } from "../core/app-error.ts";
import type { AuthorityDirectory } from "../shell/authorities/authority-directory.ts";
import type { CaseWorkflow } from "../shell/cases/case-workflow-services.ts";
import type { IntakeService } from "../shell/intake/intake-service.ts";
import type { ShippedLaw } from "../shell/kb/load-shipped-law.ts";
import type { LogReader } from "../shell/log/log-reader.ts";
import type { ReportIndex } from "../shell/reports/report-index.ts";
import { answerErrors, isFastifyError } from "./answer-errors.ts";
import { authenticatedUser, authPlugin } from "./auth/auth.ts";
import { logRoutes } from "./log-routes.ts";
import { logAnsweredRequests, withPrivateRequestLog } from "./request-log.ts";
import { authorityRoutes } from "./v1/authorities/authority-routes.ts";
import { caseWorkflowRoutes } from "./v1/cases/case-workflow-routes.ts";
import { escapeHtml } from "./v1/docs.ts";
import { type NoticeRoutesOptions, noticeRoutes } from "./v1/notices/notice-routes.ts";
import { reportRoutes } from "./v1/reports/reports.ts";
import { REQUESTS_PATH } from "./v1/requests.ts";
import { v1Routes } from "./v1/v1-routes.ts";
import { type WebRoutesOptions, webRoutes } from "./web-routes.ts";

export interface AppDeps {
  readonly law: ShippedLaw;
  readonly intake: IntakeService;
  /** The log to serve under /log; absent = no /log routes. */
  readonly log?: { readonly reader: LogReader; readonly origin: string } | undefined;
  readonly logger?: FastifyServerOptions["logger"];
  /** Staff sign-in, the case queue and case pages, users; absent = intake only. */
  readonly workflow?: CaseWorkflow | undefined;
  /** The key directory, administered over the API (needs the workflow's staff sessions). */
  readonly directory?: AuthorityDirectory | undefined;
  /** Transparency reports under /v1/reports; absent = none. */
  readonly reports?: { readonly index: ReportIndex; readonly threshold?: number } | undefined;
  /** Notices: public verification of a notice code, and (with the workflow) staff's printable notices. */
  readonly notices?: Omit<NoticeRoutesOptions, "authorize"> | undefined;
  /** The web console at `/` (built into web/dist); absent = a plain page at `/`. */
  readonly web?: WebRoutesOptions | undefined;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: withPrivateRequestLog(deps.logger), disableRequestLogging: true });
  logAnsweredRequests(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Lightswitch API",
        description:
          "Cross-border requests for electronic evidence: signed intake, assessment against cited safeguards, and a verifiable transparency log (under /log, C2SP tlog-tiles).",
        version: "0.1.0",
      },
    },
    transform: jsonSchemaTransform,
    // Gathers the schemas named with .meta({ id }) into components.schemas, where their $refs point.
    transformObject: jsonSchemaTransformObject,
  });

  answerErrors(app, async (error, appError, request) => {
    // Bodies refused before the intake handler ran (size limit) must still reach the intake journal.
    if (request.routeOptions.url !== REQUESTS_PATH || !isFastifyError(error)) return appError;
    const declared = Number(request.headers["content-length"] ?? 0);
    return deps.intake.rejectUnreadBody(
      Number.isSafeInteger(declared) ? declared : 0,
      appError.code === "PAYLOAD_TOO_LARGE" ? "body_too_large" : "invalid_json",
      appError.message,
    );
  });

  // Sessions for every route (not encapsulated), so the intake journal can require the auditor role.
  if (deps.workflow !== undefined) await app.register(authPlugin, { users: deps.workflow.users });
  await app.register(v1Routes, {
    prefix: "/v1",
    law: deps.law,
    intake: deps.intake,
    journalForAuditorsOnly: deps.workflow !== undefined,
  });
  if (deps.workflow !== undefined)
    await app.register(caseWorkflowRoutes, { prefix: "/v1", workflow: deps.workflow });
  if (deps.workflow !== undefined && deps.directory !== undefined)
    await app.register(authorityRoutes, { prefix: "/v1", directory: deps.directory });
  if (deps.reports !== undefined) {
    await app.register(reportRoutes, {
      prefix: "/v1",
      index: deps.reports.index,
      ...(deps.reports.threshold === undefined ? {} : { threshold: deps.reports.threshold }),
    });
  }
  if (deps.notices !== undefined) {
    const workflow = deps.workflow;
    await app.register(noticeRoutes, {
      prefix: "/v1",
      ...deps.notices,
      // Staff only, on need-to-know, and every read of a case's notice is in the access log.
      authorize: async (request, caseId) => {
        if (workflow === undefined) throw new AppError("FORBIDDEN", "no staff sessions on this server");
        const user = authenticatedUser(request, ["case_worker", "authoriser", "auditor"]);
        if (caseId === null) return;
        if (!(await workflow.users.canRead(user, caseId))) {
          throw new AppError("NOT_FOUND", `no case ${caseId} for you`);
        }
        await workflow.accessLog.record({
          user_id: user.user_id,
          role: user.role,
          case_id: caseId,
          fields: ["notice"],
          purpose: "GET /v1/cases/:id/notice",
        });
      },
    });
  }
  if (deps.log !== undefined) await app.register(logRoutes, { prefix: "/log", reader: deps.log.reader });
  if (deps.web !== undefined) {
    await app.register(webRoutes, deps.web);
  } else {
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").send(renderHomePage(deps.log?.origin)),
    );
  }
  return app;
}

function renderHomePage(logOrigin: string | undefined): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lightswitch</title></head>
<body>
<h1>Lightswitch</h1>
<p>A case service for cross-border requests for electronic evidence. Requesting authorities submit
signed requests; each is assessed against a treaty profile's cited safeguards, and a public record
of every case (no personal data) goes into an append-only, verifiable transparency log.</p>
<ul>
<li><a href="/v1/docs">API documentation</a> (<a href="/v1/openapi.json">OpenAPI 3.1</a>)</li>
${logOrigin === undefined ? "" : `<li><a href="/log/checkpoint">Latest log checkpoint</a> (log <code>${escapeHtml(logOrigin)}</code>)</li>`}
</ul>
</body></html>
`;
}
