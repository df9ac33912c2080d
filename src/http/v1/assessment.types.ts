/**
 * `lightswitch.assessment/v1` for the OpenAPI document. Nested parts are loose on purpose: the serializer
 * re-encodes through this schema, and the core's `Assessment` type (src/core/assess/assessment.ts) is
 * the contract, so nested parts are passed through unchanged rather than restated here.
 */
import { z } from "zod";
import { VERDICTS } from "../../core/assess/assessment.ts";

export const AssessmentSchema = z
  .object({
    format: z.literal("lightswitch.assessment/v1"),
    request_id: z.string(),
    profile: z.string(),
    knowledge_base: z.string(),
    verdict: z.enum(VERDICTS),
    measures: z
      .array(z.unknown())
      .readonly()
      .describe("per-measure { type, verdict, requires_authorisation }"),
    findings: z
      .array(z.unknown())
      .readonly()
      .describe("{ rule, outcome, effect, explanation, citations[], measures?, facts? } per rule"),
    notification: z.unknown().describe("{ duty, secrecy_requested_months, secrecy_allowed_months, … }"),
  })
  .meta({ id: "Assessment", description: "lightswitch.assessment/v1: verdicts and cited findings" });
