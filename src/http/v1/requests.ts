/**
 * `POST /v1/requests`: intake of a signed request. The handler only hands the raw body to the intake
 * service, which authenticates, validates, records and journals (src/shell/intake/intake-service.ts).
 * The raw bytes are kept (any content type, at most 1 MiB) so that even undecodable bodies are journaled.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type IntakeService, MAX_INTAKE_BODY_BYTES } from "../../shell/intake/intake-service.ts";
import { bodyParsedByHandler } from "./document-only.ts";
import { RequestsResponses, SignedRequestSchema } from "./requests.types.ts";

export const REQUESTS_PATH = "/v1/requests";

export const requestsRoute: FastifyPluginAsyncZod<{ intake: IntakeService }> = async (app, { intake }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: MAX_INTAKE_BODY_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.post(
    "/requests",
    {
      bodyLimit: MAX_INTAKE_BODY_BYTES,
      schema: {
        summary: "Submit a signed request; opens a case (idempotent on the request id)",
        tags: ["intake"],
        body: SignedRequestSchema,
        response: RequestsResponses,
      },
      validatorCompiler: bodyParsedByHandler,
    },
    async (request, reply) => {
      const body = request.body as unknown;
      const receipt = await intake.submit(body instanceof Uint8Array ? body : new Uint8Array());
      // Already JSON of the documented Receipt: a string with a JSON content type is sent as is (not
      // validated and serialized again), which the typed reply cannot express.
      return reply
        .code(receipt.status)
        .type("application/json; charset=utf-8")
        .send(receipt.json as unknown as typeof receipt.body);
    },
  );
};
