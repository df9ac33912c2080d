/** `POST /v1/assess?profile=ID`: assess an unsigned request (analysis only: nothing is stored). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../core/app-error.ts";
import { assessRequest } from "../../core/assess/assess.ts";
import { defaultProfileFor } from "../../core/profiles/default-profile.ts";
import { parseRequest } from "../../core/request/parse-request.ts";
import type { ShippedLaw } from "../../shell/kb/load-shipped-law.ts";
import { AssessBodySchema, AssessQuerySchema, AssessResponses } from "./assess.types.ts";
import { bodyParsedByHandler } from "./document-only.ts";

export const assessRoute: FastifyPluginAsyncZod<{ law: ShippedLaw }> = async (app, { law }) => {
  app.post(
    "/assess",
    {
      schema: {
        summary: "Assess an unsigned request against a profile (nothing is stored or logged)",
        tags: ["assessment"],
        querystring: AssessQuerySchema,
        body: AssessBodySchema,
        response: AssessResponses,
      },
      // The body is parsed by the core's parseRequest below, as the CLI does.
      validatorCompiler: bodyParsedByHandler,
    },
    async (request) => {
      const parsed = parseRequest(request.body);
      const profileId = request.query.profile ?? defaultProfileFor(parsed, law.profiles);
      const profile = law.profiles.get(profileId);
      if (profile === undefined)
        throw new AppError("UNKNOWN_PROFILE", `no profile "${profileId}"; see GET /v1/profiles`, {
          issues: [{ path: "profile", message: `unknown profile ${profileId}` }],
        });
      return assessRequest(parsed, profile, law.kb);
    },
  );
};
