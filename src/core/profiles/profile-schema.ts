/**
 * A profile: a treaty regime as parameters plus the rules that apply (DESIGN §3). Shipped profiles live in
 * law/profiles/*.yaml; users may add their own (a provider's policy is a profile).
 */
import { z } from "zod";
import { SourceSchema } from "../law/knowledge-base-schema.ts";
import { INSTRUMENT_IDS } from "../request/vocabulary.ts";
import { RULES, type RuleId } from "../rules/registry.ts";
import { citesSchema } from "../rules/rule.ts";

type SettingsOf<K extends RuleId> = (typeof RULES)[K] extends { settings: z.ZodType<infer S> } ? S : never;
export type ProfileRules = { readonly [K in RuleId]?: SettingsOf<K> };

const rulesShape = Object.fromEntries(
  Object.entries(RULES).map(([id, rule]) => [id, rule.settings.optional()]),
) as { [K in RuleId]: z.ZodOptional<z.ZodType<SettingsOf<K>>> };

export const ProfileSchema = z.strictObject({
  format: z.literal("lightswitch.profile/v1"),
  id: z.string().regex(/^[a-z0-9-]+$/, { message: "expected lower-case letters, digits and dashes" }),
  title: z.string().min(1),
  description: z.string().min(1),
  /** The instrument the profile encodes; null for a policy profile such as rights-first. */
  instrument: z.union([z.enum(INSTRUMENT_IDS), z.null()]),
  sources: z.array(SourceSchema).min(1),
  reviewed: z.iso.date(),
  deadlines: z.strictObject({
    normal_days: z.union([z.int().min(1), z.null()]),
    emergency_hours: z.union([z.int().min(1), z.null()]),
    explanation: z.string().min(1),
    cite: citesSchema,
  }),
  rules: z.strictObject(rulesShape),
});

export type Profile = Omit<z.infer<typeof ProfileSchema>, "rules"> & { readonly rules: ProfileRules };
