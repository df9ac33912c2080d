import { z } from "zod";
import { RequestSchema } from "../../core/request/request-schema.ts";
import { AssessmentSchema } from "./assessment.types.ts";
import { ErrorBodySchema } from "./error.types.ts";

export const AssessQuerySchema = z.object({
  profile: z
    .string()
    .min(1)
    .optional()
    .describe("profile id (default: the request's instrument if shipped, else rights-first)"),
});

export const AssessBodySchema = RequestSchema.meta({
  id: "Request",
  description: "lightswitch.request/v1 (spec/request-format.md)",
});

export const AssessResponses = {
  200: AssessmentSchema,
  400: ErrorBodySchema,
  404: ErrorBodySchema,
};
