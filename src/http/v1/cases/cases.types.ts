import { z } from "zod";
import { VERDICTS } from "../../../core/assess/assessment.ts";
import { ActorSchema, CASE_EVENT_TYPES } from "../../../core/case/case-events.ts";
import { CASE_STAGES } from "../../../core/case/case-state.ts";
import { ErrorBodySchema } from "../error.types.ts";

const Flag = z.enum(["true", "false"]).transform((v) => v === "true");

export const QueueQuerySchema = z.object({
  verdict: z.enum(VERDICTS).optional(),
  requesting_state: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  profile: z.string().min(1).max(100).optional(),
  stage: z.enum(CASE_STAGES).optional(),
  emergency: Flag.optional(),
  overdue: Flag.optional().describe("only overdue (true) or only not overdue (false) cases"),
  due_before: z.iso.datetime({ offset: true }).optional().describe("only cases due before this instant"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const QueueEntrySchema = z.object({
  case_id: z.string(),
  stage: z.enum(CASE_STAGES),
  verdict: z.string().nullable(),
  requesting_state: z.string(),
  profile: z.string(),
  emergency: z.boolean(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  received_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
});

export const QueueResponses = {
  200: z
    .object({ cases: z.array(QueueEntrySchema) })
    .meta({ id: "CaseQueue", description: "The queue: overdue first, then by deadline" }),
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
};

export const CaseParamsSchema = z.object({ id: z.string().min(1).max(200) });

export const TimelineEventSchema = z.object({
  seq: z.number().int(),
  type: z.enum(CASE_EVENT_TYPES as [string, ...string[]]),
  at: z.string(),
  actor: ActorSchema,
  payload: z.record(z.string(), z.unknown()),
  event_id: z.string().describe("the id of the event's public record in the log"),
  log_index: z.number().int().nullable(),
});

export const CaseDetailSchema = z
  .object({
    case_id: z.string(),
    stage: z.enum(CASE_STAGES),
    version: z.number().int().describe("events so far"),
    emergency: z.boolean(),
    assessor_verdict: z.string().nullable(),
    deadline: z.object({ due: z.string().nullable(), basis: z.string(), overdue: z.boolean() }),
    secrecy: z.object({ sealed_since: z.string().nullable(), sealed_until: z.string().nullable() }),
    request: z.unknown().describe("the request as received (personal data: this read is in the access log)"),
    assessment: z.unknown().describe("the assessment with its cited findings"),
    timeline: z.array(TimelineEventSchema),
    available_actions: z.array(z.string()).describe("the commands you may give now"),
    assignees: z.array(z.string()),
  })
  .meta({ id: "Case" });

export const CaseResponses = {
  200: CaseDetailSchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
};

export const CommandBodySchema = z
  .unknown()
  .describe(
    'a case command, e.g. { "kind": "decide", "decision": "refuse", "reason": "…" } (see CaseCommandSchema)',
  );

export const CommandResponses = {
  201: z
    .object({
      case_id: z.string(),
      stage: z.enum(CASE_STAGES),
      version: z.number().int(),
      events: z.array(TimelineEventSchema.omit({ seq: true, event_id: true, log_index: true })),
      log_indexes: z.array(z.number().int()),
      available_actions: z.array(z.string()),
    })
    .meta({ id: "CommandResult" }),
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

export const AccessLogQuerySchema = z.object({
  case_id: z.string().min(1).max(200).optional(),
  user_id: z.string().min(1).max(200).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const AccessLogResponses = {
  200: z
    .object({
      entries: z.array(
        z.object({
          seq: z.number().int(),
          at: z.string(),
          user_id: z.string(),
          role: z.string(),
          case_id: z.string(),
          fields: z.array(z.string()),
          purpose: z.string(),
        }),
      ),
    })
    .meta({ id: "AccessLog", description: "Every read of a case's personal data" }),
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
};

export const OverridesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const OverridesResponses = {
  200: z
    .object({
      overrides: z.array(
        z.object({
          case_id: z.string(),
          at: z.string(),
          actor: ActorSchema,
          decision: z.enum(["approve", "refuse"]),
          assessor_verdict: z.string().nullable(),
          reason: z.string(),
          grounds: z.array(z.string()),
        }),
      ),
    })
    .meta({ id: "Overrides", description: "Decisions against the assessor, with their written reasons" }),
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
};
