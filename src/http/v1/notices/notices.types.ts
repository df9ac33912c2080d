/** Request and response schemas of the notice routes (notice-routes.ts), for validation and OpenAPI. */
import { z } from "zod";
import { NOTICE_FAILURES } from "../../../shell/notices/verify-notice.ts";

export const NoticeCodeParamsSchema = z.object({
  code: z.string().min(1).max(512).meta({ description: "The notice code, LSN1.…" }),
});

export const VerifyNoticeBodySchema = z.object({
  request: z.unknown().meta({ description: "The request file sent with the notice (request.json), as JSON" }),
  case_event_ids: z.array(z.string().min(1).max(200)).max(100).optional(),
});

const LaterRecordSchema = z.object({
  index: z.number().int(),
  event_id: z.string(),
  event_type: z.string(),
  date: z.string(),
  visibility: z.enum(["sealed", "public"]),
});

export const NoticeVerificationSchema = z
  .union([
    z.object({
      verified: z.literal(true),
      event_id: z.string(),
      index: z.number().int(),
      received_on: z.string(),
      commitment: z.string(),
      request_checked: z.boolean(),
      log: z.object({ origin: z.string(), size: z.number().int(), root_hash: z.string() }),
      key_source: z.enum(["given", "published"]),
      later_records: z.array(LaterRecordSchema),
      scan: z.object({ from: z.number().int(), to: z.number().int(), complete: z.boolean() }),
    }),
    z.object({
      verified: z.literal(false),
      failure: z.enum(NOTICE_FAILURES),
      reason: z.string(),
      event_id: z.string(),
    }),
  ])
  .meta({ id: "NoticeVerification" });

export const CaseParamsSchema = z.object({ id: z.string().min(1).max(200) });

export const NoticePageQuerySchema = z.object({ format: z.enum(["html", "text"]).default("html") });

export const DeliveriesQuerySchema = z.object({
  case: z.string().min(1).max(200).optional(),
  status: z.enum(["pending", "sent", "failed"]).optional(),
});

export const DeliverySchema = z.object({
  notice_id: z.string(),
  case_id: z.string(),
  channel: z.literal("email"),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  needs_attention: z.boolean(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});

export const DeliveriesSchema = z
  .object({ deliveries: z.array(DeliverySchema) })
  .meta({ id: "NoticeDeliveries" });

export const DeliveryParamsSchema = z.object({ noticeId: z.string().min(1).max(200) });
