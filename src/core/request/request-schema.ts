/**
 * `lightswitch.request/v1` (spec/request-format.md), parsed once at the edge. Attacker-controlled
 * input: every object is strict, so an unknown or misspelt field is an error that names it — a typo must
 * not silently drop a safeguard-relevant fact.
 */
import { z } from "zod";
import { ISO_COUNTRY_CODES } from "./country-codes.ts";
import {
  AUTHORITY_KINDS,
  CONDUCT_CATEGORIES,
  IDENTIFIER_TYPES,
  INTENT_ALLEGED,
  LEGAL_BASES,
  MEASURE_TYPES,
  STAGES,
  SUBJECT_ATTRIBUTES,
  SUBJECT_ROLES,
  THREATS,
  VALIDATOR_KINDS,
} from "./vocabulary.ts";

export const REQUEST_FORMAT = "lightswitch.request/v1";

/** ISO 3166-1 alpha-2, or "EU" where an EU body acts; an enum so that the JSON Schema lists the codes. */
export const CountryCodeSchema = z.enum(["EU", ...ISO_COUNTRY_CODES], {
  error: 'expected an ISO 3166-1 alpha-2 country code (e.g. "BR") or "EU"',
});

/** An integer whose error reads "expected integer" whatever was given instead. */
const integer = () => z.int({ error: "expected integer" });

const DateTimeSchema = z.iso.datetime({ offset: true, message: "expected an RFC 3339 date-time" });

const AuthoritySchema = z.strictObject({
  state: CountryCodeSchema,
  authority: z.string().min(1),
  authority_id: z.string().min(1).max(128),
  kind: z.enum(AUTHORITY_KINDS),
  validated_by: z.strictObject({ authority: z.string().min(1), kind: z.enum(VALIDATOR_KINDS) }).optional(),
  contact: z
    .strictObject({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })
    .optional(),
});

const AddresseeSchema = z
  .strictObject({
    state: CountryCodeSchema,
    party: z.enum(["central_authority", "provider"]),
    provider: z.string().min(1).optional(),
    provider_state: CountryCodeSchema.optional(),
  })
  .superRefine((addressee, ctx) => {
    if (addressee.party === "provider" && addressee.provider === undefined) {
      ctx.addIssue({ code: "custom", path: ["provider"], message: 'required when party is "provider"' });
    }
  });

const OffenceSchema = z.strictObject({
  title: z.string().min(1),
  statute: z.string().min(1),
  max_penalty_months: integer().min(0).max(1200),
  offence_id: z.string().min(1).optional(),
});

const CaseSchema = z.strictObject({
  reference: z.string().min(1),
  stage: z.enum(STAGES),
  offences: z.array(OffenceSchema).min(1),
  conduct: z.array(z.enum(CONDUCT_CATEGORIES)).min(1),
  facts: z.string().min(1).max(20_000),
  intent_alleged: z.enum(INTENT_ALLEGED),
  harm: z
    .strictObject({
      victims: integer().min(0).optional(),
      loss_usd: z.number().min(0).optional(),
      systems_affected: integer().min(0).optional(),
    })
    .optional(),
});

const SubjectSchema = z.strictObject({
  role: z.enum(SUBJECT_ROLES),
  identifiers: z.array(z.strictObject({ type: z.enum(IDENTIFIER_TYPES), value: z.string().min(1) })),
  nationality: CountryCodeSchema.optional(),
  location: CountryCodeSchema.optional(),
  attributes: z.array(z.enum(SUBJECT_ATTRIBUTES)).optional(),
});

const MeasureSchema = z.strictObject({
  type: z.enum(MEASURE_TYPES),
  from: DateTimeSchema.optional(),
  to: DateTimeSchema.optional(),
  details: z.string().optional(),
});

const UrgencySchema = z.strictObject({
  emergency: z.boolean(),
  threat: z.enum(THREATS),
  explanation: z.string(),
  respond_by: DateTimeSchema.optional(),
});

const ConfidentialitySchema = z.strictObject({
  requested: z.boolean(),
  months: integer().min(0),
  justification: z.string(),
});

const AssurancesSchema = z.strictObject({
  no_death_penalty: z.boolean().optional(),
  speciality: z.boolean().optional(),
  data_protection: z.boolean().optional(),
});

export const RequestSchema = z.strictObject({
  format: z.literal(REQUEST_FORMAT),
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, { message: "expected 1–128 characters of [A-Za-z0-9._:-]" }),
  issued_at: DateTimeSchema,
  requesting: AuthoritySchema,
  requested: AddresseeSchema,
  legal_basis: z.strictObject({ instrument: z.enum(LEGAL_BASES), articles: z.array(z.string()).optional() }),
  case: CaseSchema,
  subjects: z.array(SubjectSchema).min(1),
  measures: z.array(MeasureSchema).min(1),
  urgency: UrgencySchema.optional(),
  confidentiality: ConfidentialitySchema.optional(),
  assurances: AssurancesSchema.optional(),
});

/** A parsed, valid request. Deeply readonly: the core never mutates input. */
export type Request = DeepReadonly<z.infer<typeof RequestSchema>>;
export type Measure = Request["measures"][number];
export type Subject = Request["subjects"][number];
export type Offence = Request["case"]["offences"][number];

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
