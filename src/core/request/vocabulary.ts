/**
 * The closed vocabularies of `lightswitch.request/v1` (spec/request-format.md). Every list here is
 * part of the public contract: values may be added, never change meaning.
 */

/** Core cybercrimes: the offences the conventions themselves establish (UN Arts. 7–17, Budapest Arts. 2–10). */
export const CORE_CYBERCRIME_CONDUCT = [
  "illegal_access",
  "illegal_interception",
  "data_interference",
  "system_interference",
  "misuse_of_devices",
  "computer_forgery",
  "computer_fraud",
  "child_sexual_abuse_material",
  "child_grooming",
  "nonconsensual_intimate_images",
  "laundering_proceeds",
] as const;

/** Other crimes that may involve electronic evidence. */
export const OTHER_CRIME_CONDUCT = [
  "fraud",
  "extortion",
  "ransomware",
  "terrorism",
  "drug_trafficking",
  "human_trafficking",
  "homicide",
  "kidnapping",
  "sexual_assault",
  "harassment",
  "copyright_infringement",
  "tax_evasion",
  "corruption",
  "organised_crime",
  "weapons_trafficking",
] as const;

/** Conduct human-rights law protects in many states and criminalises in some (protected-activity grounds). */
export const PROTECTED_ACTIVITY_CONDUCT = [
  "criticism_of_government",
  "insulting_head_of_state",
  "criminal_defamation",
  "false_news",
  "blasphemy",
  "apostasy",
  "same_sex_relations",
  "gender_expression",
  "lgbtqi_advocacy",
  "peaceful_assembly",
  "unregistered_association",
  "journalism",
  "whistleblowing",
  "security_research",
] as const;

export const CONDUCT_CATEGORIES = [
  ...CORE_CYBERCRIME_CONDUCT,
  ...OTHER_CRIME_CONDUCT,
  ...PROTECTED_ACTIVITY_CONDUCT,
] as const;

export type CoreCybercrimeConduct = (typeof CORE_CYBERCRIME_CONDUCT)[number];
export type ProtectedActivityConduct = (typeof PROTECTED_ACTIVITY_CONDUCT)[number];
export type ConductCategory = (typeof CONDUCT_CATEGORIES)[number];

/** Measure types, from least to most intrusive (the order is meaningful: see `measureIntrusiveness`). */
export const MEASURE_TYPES = [
  "preservation",
  "subscriber_info",
  "identification_data",
  "traffic_data",
  "content_data",
  "search_seizure",
  "realtime_traffic",
  "interception",
  "compelled_assistance",
  "bulk_dataset",
  "biometric_data",
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const SUBJECT_ATTRIBUTES = [
  "journalist",
  "human_rights_defender",
  "security_researcher",
  "whistleblower",
  "political_activist",
  "political_opponent",
  "lawyer",
  "religious_minority",
  "lgbtqi",
  "minor",
  "public_official",
] as const;
export type SubjectAttribute = (typeof SUBJECT_ATTRIBUTES)[number];

export const INSTRUMENT_IDS = [
  "un-cybercrime-2024",
  "budapest-2001",
  "budapest-protocol2-2022",
  "eu-e-evidence-2023",
] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export const LEGAL_BASES = [...INSTRUMENT_IDS, "bilateral", "none"] as const;
export type LegalBasisId = (typeof LEGAL_BASES)[number];

export const AUTHORITY_KINDS = [
  "judge",
  "court",
  "prosecutor",
  "police",
  "central_authority",
  "other",
] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const VALIDATOR_KINDS = ["judge", "court", "prosecutor"] as const;

export const STAGES = ["investigation", "prosecution", "trial", "execution_of_sentence"] as const;

export const INTENT_ALLEGED = ["dishonest_or_criminal", "intentional", "not_stated"] as const;
export type IntentAlleged = (typeof INTENT_ALLEGED)[number];

export const SUBJECT_ROLES = ["suspect", "accused", "victim", "witness", "account_holder"] as const;

export const IDENTIFIER_TYPES = [
  "email",
  "account",
  "phone",
  "ip",
  "domain",
  "device",
  "name",
  "other",
] as const;

export const THREATS = [
  "imminent_threat_to_life",
  "serious_physical_harm",
  "critical_infrastructure",
  "other",
] as const;
export type Threat = (typeof THREATS)[number];

/** Index of a measure in the intrusiveness order (0 = least intrusive). */
export function measureIntrusiveness(type: MeasureType): number {
  return MEASURE_TYPES.indexOf(type);
}

const coreSet: ReadonlySet<string> = new Set(CORE_CYBERCRIME_CONDUCT);
const protectedSet: ReadonlySet<string> = new Set(PROTECTED_ACTIVITY_CONDUCT);

export function isCoreCybercrime(conduct: ConductCategory): conduct is CoreCybercrimeConduct {
  return coreSet.has(conduct);
}

export function isProtectedActivity(conduct: ConductCategory): conduct is ProtectedActivityConduct {
  return protectedSet.has(conduct);
}
