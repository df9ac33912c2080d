/**
 * A case is an append-only list of typed events (DESIGN §3 "Case"; STYLE habit 6): current state is
 * derived from them, never stored twice. Each event's payload has a zod schema; changing one needs a
 * migration of stored events.
 */
import { z } from "zod";
import { VERDICTS } from "../assess/assessment.ts";
import { MEASURE_TYPES } from "../request/vocabulary.ts";

export const ROLES = ["case_worker", "authoriser", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a person with a role, or the system itself (intake, assessor, scheduler). */
export const ActorSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("user"), user_id: z.string().min(1), role: z.enum(ROLES) }),
  z.strictObject({ kind: z.literal("system"), component: z.enum(["intake", "assessor", "scheduler"]) }),
]);
export type Actor = z.infer<typeof ActorSchema>;

const Reason = z.string().trim().min(10, { message: "give a reason of at least 10 characters" });
const Instant = z.iso.datetime({ offset: true });
const Day = z.iso.date();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: "expected a SHA-256 hex digest" });

const MeasureVerdictSchema = z.strictObject({
  type: z.enum(MEASURE_TYPES),
  verdict: z.enum(VERDICTS),
  requires_authorisation: z.boolean(),
});

/** The payload of each event type. */
export const EVENT_PAYLOADS = {
  received: z.strictObject({
    request_id: z.string(),
    authority_id: z.string(),
    request_sha256: Sha256,
    emergency: z.boolean(),
  }),
  assessed: z.strictObject({
    profile: z.string(),
    knowledge_base: z.string(),
    verdict: z.enum(VERDICTS),
    measures: z.array(MeasureVerdictSchema),
    /** Rules whose findings refused or sent the request to review. */
    grounds: z.array(z.string()),
    deadline: z.union([Instant, z.null()]),
    deadline_basis: z.string(),
    max_secrecy_months: z.union([z.int().min(0), z.null()]),
  }),
  review_started: z.strictObject({}),
  decided: z.strictObject({
    decision: z.enum(["approve", "refuse"]),
    reason: z.string(),
    /** True where the decision departs from the assessor's verdict (a reason is then required). */
    against_assessor: z.boolean(),
    grounds: z.array(z.string()),
  }),
  authorised: z.strictObject({ reason: Reason }),
  authorisation_denied: z.strictObject({ reason: Reason }),
  info_requested: z.strictObject({ reason: Reason }),
  info_received: z.strictObject({ summary: z.string() }),
  consultation_opened: z.strictObject({ reason: Reason }),
  consultation_closed: z.strictObject({ outcome: z.enum(["proceed", "refuse"]), reason: Reason }),
  executed: z.strictObject({ package_sha256: Sha256, measures: z.array(z.enum(MEASURE_TYPES)) }),
  delivered: z.strictObject({ channel: z.string().min(1) }),
  sealed: z.strictObject({ until: Day, reason: Reason }),
  secrecy_extended: z.strictObject({ until: Day, reason: Reason }),
  /** Secrecy is over: its end date came, the proceedings ended, or the profile's maximum was reached. */
  secrecy_ended: z.strictObject({
    cause: z.enum(["end_date", "adjudicated", "abandoned", "maximum_reached"]),
  }),
  proceedings_ended: z.strictObject({ outcome: z.enum(["adjudicated", "abandoned"]) }),
  notified: z.strictObject({
    channel: z.enum(["email", "post", "none_known"]),
    notice_id: z.string().min(1),
  }),
  closed: z.strictObject({ reason: Reason }),
} as const;

export type CaseEventType = keyof typeof EVENT_PAYLOADS;
export const CASE_EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as CaseEventType[];
export type EventPayload<T extends CaseEventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** One event of a case: its type, when it happened, who did it, and its payload. */
export type CaseEvent = {
  [T in CaseEventType]: {
    readonly type: T;
    readonly at: string;
    readonly actor: Actor;
    readonly payload: EventPayload<T>;
  };
}[CaseEventType];

export const CaseEventSchema = z.discriminatedUnion(
  "type",
  CASE_EVENT_TYPES.map((type) =>
    z.strictObject({ type: z.literal(type), at: Instant, actor: ActorSchema, payload: EVENT_PAYLOADS[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
