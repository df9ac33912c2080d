import { z } from "zod";
import { VERDICTS } from "../../core/assess/assessment.ts";
import { AssessBodySchema } from "./assess.types.ts";
import { AssessmentSchema } from "./assessment.types.ts";
import { ErrorBodySchema } from "./error.types.ts";

export const SignedRequestSchema = z
  .object({
    request: AssessBodySchema,
    signature: z
      .string()
      .describe(
        'compact detached JWS: BASE64URL({"alg":"EdDSA","kid":<requesting.authority_id>}) + ".." + BASE64URL(Ed25519 signature over header + "." + BASE64URL(RFC 8785 canonical JSON of request))',
      ),
  })
  .meta({
    id: "SignedRequest",
    description: "A lightswitch.request/v1 with its issuing authority's signature",
  });

export const ReceiptSchema = z
  .object({
    case_id: z.string(),
    verdict: z.enum(VERDICTS),
    assessment: AssessmentSchema,
    log_index: z.number().int().nullable().describe("index of the case's public record in the log"),
  })
  .meta({ id: "Receipt", description: "The case a signed request opened (201) or had opened before (200)" });

export const RequestsResponses = {
  200: ReceiptSchema.describe("the same request was received before: the same case"),
  201: ReceiptSchema.describe("a new case, durable and logged"),
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  429: ErrorBodySchema,
  500: ErrorBodySchema,
};
