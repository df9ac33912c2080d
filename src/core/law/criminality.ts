/**
 * Whether a state criminalises a kind of conduct, judged on conduct categories rather than offence names
 * (Budapest Art. 25(5); UN Art. 35(2)), from the knowledge base, with the facts relied on.
 */
import type { FactReference } from "../assess/assessment.ts";
import type { ConductCategory } from "../request/vocabulary.ts";
import type { Jurisdiction } from "./knowledge-base-schema.ts";

export type CriminalityStatus = "criminal" | "not_criminal" | "unknown";

export interface CriminalityAnswer {
  readonly status: CriminalityStatus;
  readonly facts: readonly FactReference[];
  /** How the answer was reached, for explanations. */
  readonly basis: "offence" | "protected_activity_law" | "treaty_obligation" | "none";
}

/**
 * Conduct a Party to the Budapest Convention is bound to criminalise (Arts. 2–9), so that dual
 * criminality may be presumed for it where the knowledge base lists no domestic offence.
 */
const BUDAPEST_OBLIGATIONS: Partial<Record<ConductCategory, string>> = {
  illegal_access: "2",
  illegal_interception: "3",
  data_interference: "4",
  system_interference: "5",
  misuse_of_devices: "6",
  computer_forgery: "7",
  computer_fraud: "8",
  child_sexual_abuse_material: "9",
};

function ref(j: Jurisdiction, fact: string, p: Provenanced): FactReference {
  const source = p.sources[0]?.document;
  return {
    jurisdiction: j.code,
    fact,
    verified: p.verified,
    evidence: p.evidence,
    ...(source === undefined ? {} : { source }),
  };
}

interface Provenanced {
  readonly verified: boolean;
  readonly evidence: "V" | "S" | "UNVERIFIED";
  readonly sources: readonly { document: string }[];
}

export function criminalises(j: Jurisdiction, conduct: ConductCategory): CriminalityAnswer {
  const offences = j.offences.filter((o) => o.conduct.includes(conduct));
  if (offences.length > 0) {
    return {
      status: "criminal",
      basis: "offence",
      facts: offences.map((o) => ref(j, `${o.statute} (${o.title})`, o)),
    };
  }
  const law = j.protected_activity_laws.find((l) => l.conduct === conduct);
  if (law !== undefined) {
    const what = law.statute ?? conduct.replaceAll("_", " ");
    return {
      status: law.criminalised ? "criminal" : "not_criminal",
      basis: "protected_activity_law",
      facts: [ref(j, law.criminalised ? `${what} criminalises it` : `${what} not criminalised`, law)],
    };
  }
  const article = BUDAPEST_OBLIGATIONS[conduct];
  const budapest = j.parties["budapest-2001"];
  if (article !== undefined && budapest.status === "ratified") {
    return {
      status: "criminal",
      basis: "treaty_obligation",
      facts: [
        ref(
          j,
          `Party to the Budapest Convention, bound by its Art. ${article} to criminalise this conduct`,
          budapest,
        ),
      ],
    };
  }
  return { status: "unknown", basis: "none", facts: [] };
}

/** Whether the state's law exposes this conduct to the death penalty, per the knowledge base. */
export function deathPenaltyFacts(
  j: Jurisdiction,
  conduct: readonly ConductCategory[],
  offenceIds: readonly string[],
) {
  const facts: FactReference[] = [];
  for (const o of j.offences) {
    if (
      o.death_penalty === true &&
      (offenceIds.includes(o.id) || o.conduct.some((c) => conduct.includes(c)))
    ) {
      facts.push(ref(j, `${o.statute} (${o.title}) carries the death penalty`, o));
    }
  }
  for (const l of j.protected_activity_laws) {
    if (l.death_penalty === true && l.criminalised && conduct.includes(l.conduct)) {
      facts.push(ref(j, `${l.statute ?? l.conduct.replaceAll("_", " ")} carries the death penalty`, l));
    }
  }
  return facts;
}

export { ref as jurisdictionFact };
