/**
 * `GET /v1/intake-journal?after=&limit=`: every intake attempt, accepted or not.
 * Auditors only when the app has staff sessions (`auditorsOnly`); an intake-only server serves it open
 * (it holds no personal data: outcomes, reasons, hashes and sizes).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { IntakeService } from "../../shell/intake/intake-service.ts";
import { requireRole } from "../auth/auth.ts";
import { JournalQuerySchema, JournalResponses } from "./intake-journal.types.ts";

export const intakeJournalRoute: FastifyPluginAsyncZod<{
  intake: IntakeService;
  auditorsOnly?: boolean;
}> = async (app, { intake, auditorsOnly }) => {
  app.get(
    "/intake-journal",
    {
      ...(auditorsOnly === true ? { preHandler: requireRole("auditor") } : {}),
      schema: {
        summary:
          "The intake journal: every submission, accepted or not, with its outcome and reason (auditors)",
        tags: ["intake"],
        querystring: JournalQuerySchema,
        response: JournalResponses,
      },
    },
    async (request) => ({
      entries: await intake.listJournal({
        limit: request.query.limit,
        ...(request.query.after === undefined ? {} : { afterSeq: request.query.after }),
      }),
    }),
  );
};
