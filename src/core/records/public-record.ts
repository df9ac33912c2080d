/**
 * The public record of a case event: the bytes appended to the transparency log (DESIGN §3
 * "Public record and commitment"). It carries no personal data: who asked whom, under which
 * instrument, for which conduct categories and measures, with which outcome, on which day, plus
 * `commitment = SHA-256(salt ‖ RFC 8785 canonical request)`. The salt goes to the person in the
 * notice, so they can show that their request was logged, when, and unaltered; without the salt
 * the commitment reveals nothing. Every record of one case carries the same commitment.
 *
 * While a case is sealed (secrecy), its records are `visibility: "sealed"`: only the event type,
 * the day and the commitment are public. When secrecy ends, a `disclosed` record publishes the
 * details under the same commitment.
 *
 * Encoding: RFC 8785 canonical JSON (UTF-8), at most 65,535 bytes (one tlog-tiles entry).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { VERDICTS } from "../assess/assessment.ts";
import { canonicalBytes, canonicalize } from "../intake/canonical-json.ts";
import { isCountryCode } from "../request/country-codes.ts";
import { CONDUCT_CATEGORIES, LEGAL_BASES, MEASURE_TYPES } from "../request/vocabulary.ts";

export const PUBLIC_RECORD_FORMAT = "lightswitch.public-record/v1";
/** tlog-tiles entry bundles prefix each entry with a uint16 length. */
export const MAX_PUBLIC_RECORD_BYTES = 65_535;

/** The case events that yield a public record (DESIGN §3 "Case", plus `disclosed` when secrecy ends). */
export const PUBLIC_EVENT_TYPES = [
  "received",
  "assessed",
  "in_review",
  "awaiting_authorisation",
  "approved",
  "refused",
  "info_requested",
  "in_consultation",
  "executed",
  "delivered",
  "sealed",
  "notified",
  "closed",
  "disclosed",
] as const;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

const CountryCode = z.string().refine(isCountryCode, "an ISO 3166-1 alpha-2 code (or EU)");
/** A calendar day, never a time: day granularity keeps records from identifying a person by timing. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "a real calendar day",
  );
const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits (SHA-256)");
/** Opaque, random event id (no case reference, no name): the log's lookup key. */
const EventId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** A rule or ground identifier from the knowledge base, e.g. "dual-criminality". */
const GroundId = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/);

export const PublicRecordDetailsSchema = z.strictObject({
  requesting_state: CountryCode,
  requested_party: z.strictObject({
    state: CountryCode,
    party: z.enum(["central_authority", "provider"]),
    /** The provider's company name: a legal person, published in providers' own reports. */
    provider: z.string().min(1).max(200).optional(),
  }),
  instrument: z.enum(LEGAL_BASES),
  conduct: z.array(z.enum(CONDUCT_CATEGORIES)).max(64),
  measures: z.array(z.enum(MEASURE_TYPES)).max(64),
  verdict: z.enum(VERDICTS).optional(),
  refusal_grounds: z.array(GroundId).max(64),
});
export type PublicRecordDetails = z.infer<typeof PublicRecordDetailsSchema>;

const Common = {
  format: z.literal(PUBLIC_RECORD_FORMAT),
  event_id: EventId,
  event_type: z.enum(PUBLIC_EVENT_TYPES),
  date: Day,
  commitment: Hex32,
};

export const PublicRecordSchema = z.discriminatedUnion("visibility", [
  z.strictObject({ ...Common, visibility: z.literal("sealed") }),
  z.strictObject({ ...Common, visibility: z.literal("public"), details: PublicRecordDetailsSchema }),
]);
export type PublicRecord = z.infer<typeof PublicRecordSchema>;

export type PublicRecordErrorCode = "RECORD_INVALID" | "RECORD_NOT_CANONICAL" | "RECORD_TOO_LARGE";

export class PublicRecordError extends Error {
  readonly code: PublicRecordErrorCode;
  constructor(code: PublicRecordErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PublicRecordError";
    this.code = code;
  }
}

/** commitment = SHA-256(salt ‖ canonical request), lowercase hex. The salt must be ≥ 16 random bytes. */
export function commitToRequest(salt: Uint8Array, request: unknown): string {
  if (salt.length < 16)
    throw new PublicRecordError("RECORD_INVALID", "a commitment salt is at least 16 bytes");
  return createHash("sha256").update(salt).update(canonicalBytes(request)).digest("hex");
}

/** Sorted, de-duplicated lists, so the same facts always give the same bytes. */
function normalise(record: PublicRecord): PublicRecord {
  if (record.visibility === "sealed") return record;
  const sorted = <T extends string>(values: readonly T[]): T[] => [...new Set(values)].sort();
  const { details } = record;
  return {
    ...record,
    details: {
      ...details,
      conduct: sorted(details.conduct),
      measures: sorted(details.measures),
      refusal_grounds: sorted(details.refusal_grounds),
    },
  };
}

/** The log entry for a record: validated, normalised, RFC 8785 canonical UTF-8. */
export function encodePublicRecord(record: PublicRecord): Uint8Array {
  const parsed = PublicRecordSchema.safeParse(record);
  if (!parsed.success)
    throw new PublicRecordError("RECORD_INVALID", z.prettifyError(parsed.error), { cause: parsed.error });
  const bytes = canonicalBytes(normalise(parsed.data));
  if (bytes.length > MAX_PUBLIC_RECORD_BYTES)
    throw new PublicRecordError("RECORD_TOO_LARGE", `a record is at most ${MAX_PUBLIC_RECORD_BYTES} bytes`);
  return bytes;
}

/**
 * Parses a log entry (untrusted: it comes from tiles). Rejects anything that is not exactly the
 * canonical encoding of a valid record, so one record has one byte string and one leaf hash.
 */
export function decodePublicRecord(bytes: Uint8Array): PublicRecord {
  let text: string;
  let json: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    json = JSON.parse(text);
  } catch (cause) {
    throw new PublicRecordError("RECORD_INVALID", "not UTF-8 JSON", { cause });
  }
  const parsed = PublicRecordSchema.safeParse(json);
  if (!parsed.success)
    throw new PublicRecordError("RECORD_INVALID", z.prettifyError(parsed.error), { cause: parsed.error });
  if (canonicalize(normalise(parsed.data)) !== text)
    throw new PublicRecordError(
      "RECORD_NOT_CANONICAL",
      "the entry is not the canonical encoding of its record",
    );
  return parsed.data;
}
