/**
 * Plausible public records for tests and the bench, from a seed: cases from a skewed mix of
 * requesting states, instruments and measures; some sealed (their `disclosed` record comes at the
 * end, after every other case, as secrecy ends later), some refused, most answered.
 */
import type { Verdict } from "../assess/assessment.ts";
import type { PublicRecord, PublicRecordDetails } from "../records/public-record.ts";
import type { LegalBasisId, MeasureType } from "../request/vocabulary.ts";

export interface SyntheticOptions {
  readonly cases: number;
  readonly seed: number;
  /** First day of the cases, `YYYY-MM-DD`. */
  readonly firstDay: string;
  /** Days over which cases are spread. */
  readonly days: number;
}

const STATES = [
  "US",
  "DE",
  "FR",
  "GB",
  "BR",
  "IN",
  "TR",
  "IT",
  "ES",
  "PL",
  "MX",
  "AR",
  "SA",
  "RU",
  "NL",
  "AU",
];
const INSTRUMENTS: LegalBasisId[] = [
  "bilateral",
  "budapest-2001",
  "eu-e-evidence-2023",
  "budapest-protocol2-2022",
  "un-cybercrime-2024",
  "none",
];
const MEASURES: MeasureType[] = [
  "subscriber_info",
  "traffic_data",
  "content_data",
  "preservation",
  "identification_data",
];
const CONDUCT = [
  "fraud",
  "computer_fraud",
  "extortion",
  "ransomware",
  "child_sexual_abuse_material",
  "criticism_of_government",
] as const;
const GROUNDS = ["dual-criminality", "protected-activity", "scope", "data-minimisation"];

/** mulberry32: a small, good-enough seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dayAfter(first: string, days: number): string {
  return new Date(Date.parse(`${first}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The records of `options.cases` synthetic cases, in a plausible log order. */
export function* syntheticRecords(options: SyntheticOptions): Generator<PublicRecord> {
  const random = prng(options.seed);
  /** Skewed towards the start of the list (a few states ask most). */
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() ** 2 * list.length)]!;
  const deferred: PublicRecord[] = [];
  let event = 0;
  for (let n = 0; n < options.cases; n++) {
    const commitment = (options.seed * 1_000_003 + n).toString(16).padStart(64, "0");
    const day = Math.floor(random() * options.days);
    const record = (
      type: PublicRecord["event_type"],
      offset: number,
      details?: PublicRecordDetails,
    ): PublicRecord => {
      const base = {
        format: "lightswitch.public-record/v1" as const,
        event_id: `syn_${options.seed}_${(event++).toString(36).padStart(8, "0")}`,
        event_type: type,
        date: dayAfter(options.firstDay, day + offset),
        commitment,
      };
      return details === undefined
        ? { ...base, visibility: "sealed" }
        : { ...base, visibility: "public", details };
    };
    const measures = [...new Set([pick(MEASURES), pick(MEASURES)])].sort();
    const refused = random() < 0.15;
    const verdict: Verdict = refused ? "refuse" : random() < 0.8 ? "execute" : "review";
    const details: PublicRecordDetails = {
      requesting_state: pick(STATES),
      requested_party: {
        state: random() < 0.7 ? "US" : "IE",
        party: random() < 0.8 ? "provider" : "central_authority",
      },
      instrument: pick(INSTRUMENTS),
      conduct: [pick(CONDUCT)],
      measures,
      verdict,
      refusal_grounds: refused ? [pick(GROUNDS)] : [],
    };
    const answer = refused ? "refused" : verdict === "execute" ? "delivered" : "in_review";
    if (random() < 0.2) {
      yield record("received", 0);
      yield record("sealed", 1);
      yield record(answer, 3);
      if (random() < 0.5) deferred.push(record("disclosed", 200, details));
    } else {
      const { verdict: _notYet, ...received } = details;
      yield record("received", 0, received);
      yield record("assessed", 0, details);
      yield record(answer, 2, details);
    }
  }
  yield* deferred;
}
