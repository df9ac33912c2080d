/**
 * Synthetic requests for load testing the simulator: request `index` of seed `seed` is a pure function of
 * the pair, so workers can each generate their own slice and the whole run is reproducible. The requests
 * are valid `lightswitch.request/v1` but carry no label: they measure throughput and the spread of
 * verdicts, not the accuracy of a profile.
 */
import type { Request } from "../request/request-schema.ts";
import {
  AUTHORITY_KINDS,
  CONDUCT_CATEGORIES,
  CORE_CYBERCRIME_CONDUCT,
  type ConductCategory,
  IDENTIFIER_TYPES,
  INTENT_ALLEGED,
  LEGAL_BASES,
  MEASURE_TYPES,
  type MeasureType,
  PROTECTED_ACTIVITY_CONDUCT,
  STAGES,
  SUBJECT_ATTRIBUTES,
  SUBJECT_ROLES,
  THREATS,
} from "../request/vocabulary.ts";

/** States the knowledge base describes (jurisdictions research), so that most requests meet real facts. */
const STATES = [
  "IE",
  "NL",
  "DE",
  "FR",
  "LU",
  "IT",
  "PT",
  "PL",
  "HU",
  "RS",
  "UA",
  "GB",
  "TR",
  "RU",
  "BY",
  "US",
  "CA",
  "MX",
  "BR",
  "AR",
  "EC",
  "CN",
  "IN",
  "ID",
  "JP",
  "KR",
  "AU",
  "PH",
  "TH",
  "VN",
  "BD",
  "PK",
  "SG",
  "BN",
  "AF",
  "IR",
  "SA",
  "AE",
  "QA",
  "JO",
  "EG",
  "IQ",
  "LB",
  "TN",
  "YE",
  "BH",
  "AZ",
  "NG",
  "ZA",
  "KE",
  "UG",
  "MR",
  "SO",
  "MU",
] as const;
const PENALTIES = [0, 6, 12, 24, 36, 48, 60, 84, 96, 120, 180, 240, 1200] as const;
const BASE_MS = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

/** A 32-bit PRNG (mulberry32), seeded by mixing seed and index (splitmix-style) so neighbours differ. */
function randomFor(seed: number, index: number): () => number {
  let state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  state = Math.imul(state ^ (state >>> 16), 0x7feb352d) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The `index`-th synthetic request of `seed`: deterministic, valid, varied. */
export function generateSyntheticRequest(seed: number, index: number): Request {
  const random = randomFor(seed, index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const distinct = <T>(items: readonly T[], count: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(pick(items));
    return [...chosen];
  };

  const requesting = pick(STATES);
  const requested = pick(STATES);
  const toProvider = chance(0.5);
  const isPersecution = chance(0.3);
  const conduct: ConductCategory[] = distinct(
    isPersecution ? PROTECTED_ACTIVITY_CONDUCT : CORE_CYBERCRIME_CONDUCT,
    1 + Math.floor(random() * 2),
  );
  if (chance(0.4)) conduct.push(pick(CONDUCT_CATEGORIES));
  const measures: MeasureType[] = distinct(
    MEASURE_TYPES.slice(0, chance(0.15) ? MEASURE_TYPES.length : 5),
    1 + Math.floor(random() * 3),
  );
  const issued = BASE_MS + Math.floor(random() * 300) * DAY_MS + Math.floor(random() * DAY_MS);
  const reference = `SYN-${seed}-${index}`;

  return {
    format: "lightswitch.request/v1",
    id: `syn-${seed}-${index}`,
    issued_at: new Date(issued).toISOString(),
    requesting: {
      state: requesting,
      authority: `Synthetic authority ${requesting}`,
      authority_id: `syn-${requesting.toLowerCase()}-authority`,
      kind: pick(AUTHORITY_KINDS),
    },
    requested: toProvider
      ? {
          state: requested,
          party: "provider",
          provider: "Synthetic Provider Ltd",
          ...(chance(0.3) ? { provider_state: "US" } : {}),
        }
      : { state: requested, party: "central_authority" },
    legal_basis: { instrument: pick(LEGAL_BASES) },
    case: {
      reference,
      stage: pick(STAGES),
      offences: Array.from({ length: 1 + Math.floor(random() * 2) }, (_, i) => ({
        title: `Synthetic offence ${i + 1}`,
        statute: `Synthetic Code art. ${100 + i}`,
        max_penalty_months: pick(PENALTIES),
      })),
      conduct,
      facts: `Synthetic case ${reference}.`,
      intent_alleged: pick(INTENT_ALLEGED),
      ...(chance(0.5) ? { harm: { victims: Math.floor(random() * 1000) } } : {}),
    },
    subjects: [
      {
        role: pick(SUBJECT_ROLES),
        identifiers: [{ type: pick(IDENTIFIER_TYPES), value: `synthetic-${index}` }],
        ...(chance(0.5) ? { location: pick(STATES) } : {}),
        ...(isPersecution && chance(0.7) ? { attributes: distinct(SUBJECT_ATTRIBUTES, 1) } : {}),
      },
    ],
    measures: measures.map((type) => ({ type })),
    ...(chance(0.1)
      ? {
          urgency: {
            emergency: true,
            threat: pick(THREATS),
            explanation: chance(0.5) ? "Synthetic threat to life." : "",
          },
        }
      : {}),
    ...(chance(0.3)
      ? {
          confidentiality: {
            requested: true,
            months: pick([1, 3, 6, 12, 24, 60]),
            justification: "Synthetic.",
          },
        }
      : {}),
    ...(chance(0.5)
      ? {
          assurances: {
            speciality: chance(0.8),
            data_protection: chance(0.8),
            no_death_penalty: chance(0.5),
          },
        }
      : {}),
  };
}
