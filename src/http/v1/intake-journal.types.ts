import { z } from "zod";
import { ErrorBodySchema } from "./error.types.ts";

export const JournalQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional().describe("return entries with seq greater than this"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const JournalEntrySchema = z.object({
  seq: z.number().int(),
  received_at: z.string(),
  authority_id: z.string().nullable().describe("the key id claimed (not necessarily authenticated)"),
  request_id: z.string().nullable(),
  outcome: z.enum(["accepted", "replayed", "rejected"]),
  reason: z.string().describe("accepted, replayed, or why it was rejected (e.g. bad_signature)"),
  status: z.number().int(),
  body_sha256: z.string(),
  body_size: z.number().int(),
  case_id: z.string().nullable(),
});

export const JournalResponses = {
  200: z
    .object({ entries: z.array(JournalEntrySchema) })
    .meta({ id: "IntakeJournal", description: "Every submission to POST /v1/requests, in arrival order" }),
  400: ErrorBodySchema,
};
