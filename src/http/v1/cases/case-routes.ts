/**
 * The case API, mounted under `/v1` (needs authPlugin on the app):
 *
 *   GET  /v1/cases                 the queue with filters (no personal data)    all staff roles
 *   GET  /v1/cases/:id             request, findings, timeline, deadline, actions  case_worker, authoriser, auditor
 *   POST /v1/cases/:id/commands    a CaseCommand → new events (409/403/400)      case_worker, authoriser
 *   GET  /v1/access-log            every read of personal data                   auditor
 *   GET  /v1/overrides             decisions against the assessor                auditor
 *
 * Need-to-know: case workers and authorisers reach only cases assigned to them or to nobody; every read
 * of personal data is written to the access log before it is returned.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../../core/app-error.ts";
import { availableCommands, parseCaseCommand } from "../../../core/case/case-commands.ts";
import type { AccessLog } from "../../../shell/access-log/access-log.ts";
import type { CaseStore } from "../../../shell/cases/case-store.ts";
import type { User, UserStore } from "../../../shell/users/user-store.ts";
import { actorOf, authenticatedUser, requireRole } from "../../auth/auth.ts";
import {
  AccessLogQuerySchema,
  AccessLogResponses,
  CaseParamsSchema,
  CaseResponses,
  CommandBodySchema,
  CommandResponses,
  OverridesQuerySchema,
  OverridesResponses,
  QueueQuerySchema,
  QueueResponses,
} from "./cases.types.ts";

export interface CaseRoutesOptions {
  readonly cases: CaseStore;
  readonly users: UserStore;
  readonly accessLog: AccessLog;
  /** The clock (tests control it). */
  readonly now?: () => Date;
}

export const caseRoutes: FastifyPluginAsyncZod<CaseRoutesOptions> = async (app, options) => {
  const { cases, users, accessLog } = options;
  const now = () => (options.now?.() ?? new Date()).toISOString();

  async function checkNeedToKnow(user: User, caseId: string): Promise<void> {
    await cases.load(caseId); // NOT_FOUND first
    if (!(await users.canRead(user, caseId)))
      throw new AppError("FORBIDDEN", `case ${caseId} is assigned to other users`);
  }

  app.get(
    "/cases",
    {
      preHandler: requireRole("case_worker", "authoriser", "auditor", "admin"),
      schema: {
        summary: "The case queue, overdue first, with filters",
        tags: ["cases"],
        querystring: QueueQuerySchema,
        response: QueueResponses,
      },
    },
    async (request) => {
      const user = authenticatedUser(request, ["case_worker", "authoriser", "auditor", "admin"]);
      const q = request.query;
      return {
        cases: await cases.listQueue(
          {
            verdict: q.verdict,
            requestingState: q.requesting_state,
            profile: q.profile,
            stage: q.stage,
            emergency: q.emergency,
            overdue: q.overdue,
            dueBefore: q.due_before,
            visibleTo: user.role === "case_worker" || user.role === "authoriser" ? user.user_id : undefined,
            limit: q.limit,
            offset: q.offset,
          },
          now(),
        ),
      };
    },
  );

  app.get(
    "/cases/:id",
    {
      preHandler: requireRole("case_worker", "authoriser", "auditor"),
      schema: {
        summary: "One case: the request, the findings, the timeline, the deadline and what you may do",
        tags: ["cases"],
        params: CaseParamsSchema,
        response: CaseResponses,
      },
    },
    async (request) => {
      const user = authenticatedUser(request, ["case_worker", "authoriser", "auditor"]);
      const caseId = request.params.id;
      await checkNeedToKnow(user, caseId);
      await accessLog.record({
        user_id: user.user_id,
        role: user.role,
        case_id: caseId,
        fields: ["request", "assessment", "events"],
        purpose: "GET /v1/cases/:id",
      });
      const at = now();
      const stored = await cases.load(caseId, at);
      const personal = await cases.readPersonalData(caseId);
      const logEntries = await cases.logEntries(caseId);
      return {
        case_id: caseId,
        stage: stored.state.stage,
        version: stored.events.length,
        emergency: stored.state.emergency,
        assessor_verdict: stored.state.assessorVerdict,
        deadline: {
          due: stored.state.deadline,
          basis: stored.state.deadlineBasis,
          overdue: stored.queue.overdue,
        },
        secrecy: { sealed_since: stored.state.sealedSince, sealed_until: stored.state.sealedUntil },
        request: personal.request,
        assessment: personal.assessment,
        timeline: stored.events.map((event, i) => ({
          seq: i + 1,
          type: event.type,
          at: event.at,
          actor: event.actor,
          payload: event.payload as Record<string, unknown>,
          event_id: logEntries[i]?.event_id ?? "",
          log_index: logEntries[i]?.log_index ?? null,
        })),
        available_actions: user.role === "auditor" ? [] : availableCommands(stored.state, actorOf(user)),
        assignees: await users.assignees(caseId),
      };
    },
  );

  app.post(
    "/cases/:id/commands",
    {
      preHandler: requireRole("case_worker", "authoriser"),
      schema: {
        summary: "Give a command on a case (start review, decide, authorise, seal, …)",
        tags: ["cases"],
        params: CaseParamsSchema,
        body: CommandBodySchema,
        response: CommandResponses,
      },
    },
    async (request, reply) => {
      const user = authenticatedUser(request, ["case_worker", "authoriser"]);
      const caseId = request.params.id;
      const command = parseCaseCommand(request.body);
      await checkNeedToKnow(user, caseId);
      const actor = actorOf(user);
      const result = await cases.execute(caseId, command, actor, now());
      return reply.code(201).send({
        case_id: caseId,
        stage: result.state.stage,
        version: result.state.eventCount,
        events: result.events.map((e) => ({
          type: e.type,
          at: e.at,
          actor: e.actor,
          payload: e.payload as Record<string, unknown>,
        })),
        log_indexes: [...result.logIndexes],
        available_actions: availableCommands(result.state, actor),
      });
    },
  );

  app.get(
    "/access-log",
    {
      preHandler: requireRole("auditor"),
      schema: {
        summary: "The access log (auditors): every read of a case's personal data",
        tags: ["audit"],
        querystring: AccessLogQuerySchema,
        response: AccessLogResponses,
      },
    },
    async (request) => {
      const entries = await accessLog.list({
        caseId: request.query.case_id,
        userId: request.query.user_id,
        afterSeq: request.query.after,
        limit: request.query.limit,
      });
      return { entries: entries.map((entry) => ({ ...entry, fields: [...entry.fields] })) };
    },
  );

  app.get(
    "/overrides",
    {
      preHandler: requireRole("auditor"),
      schema: {
        summary: "Decisions against the assessor, with their reasons (auditors)",
        tags: ["audit"],
        querystring: OverridesQuerySchema,
        response: OverridesResponses,
      },
    },
    async (request) => {
      const user = authenticatedUser(request, ["auditor"]);
      const overrides = [];
      for (const { case_id, event } of await cases.listOverrides(request.query.limit)) {
        if (event.type !== "decided") continue;
        const stored = await cases.load(case_id);
        await accessLog.record({
          user_id: user.user_id,
          role: user.role,
          case_id,
          fields: ["events.decided.reason"],
          purpose: "GET /v1/overrides",
        });
        overrides.push({
          case_id,
          at: event.at,
          actor: event.actor,
          decision: event.payload.decision,
          assessor_verdict: stored.state.assessorVerdict,
          reason: event.payload.reason,
          grounds: event.payload.grounds,
        });
      }
      return { overrides };
    },
  );
};
