/**
 * `GET /v1/intake-journal?after=&limit=`: every intake attempt, accepted or not.
 * TODO(auth): auditor role only, once users and roles exist; open for now (no personal data in it).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { IntakeService } from "../../shell/intake/intake-service.ts";
import { JournalQuerySchema, JournalResponses } from "./intake-journal.types.ts";

export const intakeJournalRoute: FastifyPluginAsyncZod<{ intake: IntakeService }> = async (
  app,
  { intake },
) => {
  app.get(
    "/intake-journal",
    {
      schema: {
        summary:
          "The intake journal: every submission with its outcome and reason (auditor role: not yet enforced)",
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
