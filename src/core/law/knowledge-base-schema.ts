/**
 * Schema of the knowledge base in `law/` (DESIGN §3): instruments and jurisdictions. Every legal fact
 * carries its source, the date it was reviewed, whether it was checked against a primary text
 * (`verified`), and the research's evidence tag, so that a finding can say how sure it is.
 */
import { z } from "zod";
import { CountryCodeSchema } from "../request/request-schema.ts";
import { CONDUCT_CATEGORIES, MEASURE_TYPES, PROTECTED_ACTIVITY_CONDUCT } from "../request/vocabulary.ts";

const IsoDateSchema = z.iso.date({ message: "expected a date YYYY-MM-DD" });

export const SourceSchema = z.strictObject({
  document: z.string().min(1),
  article: z.string().min(1).optional(),
  url: z.url().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/**
 * Evidence tags of the research (reference/jurisdictions/README.md): V = checked against a primary
 * text or official registry; S = reputable secondary source; UNVERIFIED = neither.
 */
export const EVIDENCE_TAGS = ["V", "S", "UNVERIFIED"] as const;
export type EvidenceTag = (typeof EVIDENCE_TAGS)[number];

/** The provenance every fact carries. `verified` is true only where `evidence` is "V". */
const provenance = {
  sources: z.array(SourceSchema).min(1),
  reviewed: IsoDateSchema,
  verified: z.boolean(),
  evidence: z.enum(EVIDENCE_TAGS),
  note: z.string().optional(),
};

interface Provenance {
  readonly verified: boolean;
  readonly evidence: EvidenceTag;
}

function withProvenance<T extends z.core.$ZodLooseShape>(shape: T) {
  return z
    .strictObject({ ...shape, ...provenance })
    .refine((fact) => (fact as Provenance).verified === ((fact as Provenance).evidence === "V"), {
      message: 'verified must be true exactly when evidence is "V"',
      path: ["verified"],
    });
}

// ---------------------------------------------------------------- instruments

export const ArticleSchema = z.strictObject({
  number: z.string().min(1),
  title: z.string().min(1),
  paraphrase: z.string().min(1),
  url: z.url().optional(),
  verified: z.boolean(),
  evidence: z.enum(EVIDENCE_TAGS),
  note: z.string().optional(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const InstrumentSchema = z.strictObject({
  // The four instruments a request may invoke, plus human-rights treaties that rights-first cites (e.g. iccpr-1966).
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  short_title: z.string().min(1),
  adopted: IsoDateSchema,
  in_force: z.union([IsoDateSchema, z.null()]),
  in_force_note: z.string().optional(),
  official_text_url: z.url(),
  sources: z.array(SourceSchema).min(1),
  reviewed: IsoDateSchema,
  articles: z.array(ArticleSchema).min(1),
});
export type Instrument = z.infer<typeof InstrumentSchema>;

// ---------------------------------------------------------------- jurisdictions

export const PARTY_STATUSES = ["not_signed", "signed", "ratified", "bound", "not_applicable"] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

export const PartyStatusSchema = withProvenance({
  status: z.enum(PARTY_STATUSES),
  signed: IsoDateSchema.optional(),
  ratified: IsoDateSchema.optional(),
  in_force: IsoDateSchema.optional(),
});

export const MENTAL_ELEMENTS = [
  "intent",
  "intent_with_security_breach",
  "dishonest_or_criminal_intent",
  "knowledge",
  "negligence",
  "strict",
  "unknown",
] as const;
export type MentalElement = (typeof MENTAL_ELEMENTS)[number];

export const OffenceFactSchema = withProvenance({
  id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, { message: 'expected "<cc>-<slug>", lower case' }),
  title: z.string().min(1),
  statute: z.string().min(1),
  max_penalty_months: z.int().min(0).max(1200),
  aggravated_max_penalty_months: z.int().min(0).max(1200).optional(),
  death_penalty: z.boolean().optional(),
  mental_element: z.enum(MENTAL_ELEMENTS),
  conduct: z.array(z.enum(CONDUCT_CATEGORIES)).min(1),
});
export type OffenceFact = z.infer<typeof OffenceFactSchema>;

/** A law that criminalises (or, with `criminalised: false`, no longer criminalises) protected activity. */
export const ProtectedActivityLawSchema = withProvenance({
  conduct: z.enum(PROTECTED_ACTIVITY_CONDUCT),
  criminalised: z.boolean(),
  statute: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  max_penalty_months: z.int().min(0).max(1200).optional(),
  death_penalty: z.boolean().optional(),
});
export type ProtectedActivityLaw = z.infer<typeof ProtectedActivityLawSchema>;

export const DEATH_PENALTY_STATUSES = [
  "abolitionist",
  "abolitionist_in_practice",
  "abolitionist_ordinary_crimes",
  "retentionist",
] as const;
export type DeathPenaltyStatus = (typeof DEATH_PENALTY_STATUSES)[number];

export const DeathPenaltySchema = withProvenance({ status: z.enum(DEATH_PENALTY_STATUSES) });

/**
 * A data-protection or blocking statute: disclosing `blocks` data to a foreign authority is unlawful
 * under it unless one of `unless` applies (e.g. US SCA § 2702: content only under a CLOUD Act
 * agreement or through MLA).
 */
export const BlockingStatuteSchema = withProvenance({
  id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/),
  title: z.string().min(1),
  statute: z.string().min(1),
  blocks: z.array(z.enum(MEASURE_TYPES)).min(1),
  /**
   * Exceptions: mla (classic mutual assistance through the provider's state); executive_agreement (a CLOUD
   * Act agreement in force with the requesting state); emergency (danger to life or limb);
   * approval_of_authority (a national authority's approval, never presumed); international_agreement (an
   * agreement binding both states — met under a treaty profile, which assumes both are bound); union_law
   * (both states are EU members, so EU law governs and the statute's third-country rule does not bite).
   */
  unless: z.array(
    z.enum([
      "mla",
      "executive_agreement",
      "emergency",
      "approval_of_authority",
      "international_agreement",
      "union_law",
    ]),
  ),
});
export type BlockingStatute = z.infer<typeof BlockingStatuteSchema>;

export const ExecutiveAgreementSchema = withProvenance({
  kind: z.literal("cloud_act"),
  with: CountryCodeSchema,
  status: z.enum(["negotiating", "signed", "in_force"]),
  signed: IsoDateSchema.optional(),
  in_force: IsoDateSchema.optional(),
});
export type ExecutiveAgreement = z.infer<typeof ExecutiveAgreementSchema>;

export const UN_REGIONS = [
  "african",
  "asia_pacific",
  "eastern_european",
  "latin_american_caribbean",
  "western_european_and_others",
] as const;

export const JurisdictionSchema = z.strictObject({
  code: CountryCodeSchema,
  name: z.string().min(1),
  /** UN regional group. */
  un_region: z.enum(UN_REGIONS),
  eu_member: withProvenance({ value: z.boolean() }),
  parties: z.strictObject({
    "un-cybercrime-2024": PartyStatusSchema,
    "budapest-2001": PartyStatusSchema,
    "budapest-protocol2-2022": PartyStatusSchema,
    "eu-e-evidence-2023": PartyStatusSchema,
  }),
  offences: z.array(OffenceFactSchema),
  protected_activity_laws: z.array(ProtectedActivityLawSchema),
  death_penalty: DeathPenaltySchema,
  blocking_statutes: z.array(BlockingStatuteSchema),
  executive_agreements: z.array(ExecutiveAgreementSchema),
});
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;
