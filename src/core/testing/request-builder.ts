/**
 * Test support: a valid baseline request (a ransomware case between two Budapest Parties) and a way to
 * derive variants from it. Every variant is parsed with the real schema, so a test cannot build a request
 * the product would reject.
 */
import { parseRequest } from "../request/parse-request.ts";
import type { Request } from "../request/request-schema.ts";

type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
export type RequestDraft = Mutable<Request>;

export const BASELINE: RequestDraft = {
  format: "lightswitch.request/v1",
  id: "test-0001",
  issued_at: "2026-10-02T09:14:00Z",
  requesting: {
    state: "FR",
    authority: "Paris Public Prosecutor",
    authority_id: "fr-pp-paris",
    kind: "prosecutor",
  },
  requested: { state: "DE", party: "central_authority" },
  legal_basis: { instrument: "budapest-2001" },
  case: {
    reference: "J3-2026-1182",
    stage: "investigation",
    offences: [
      { title: "Extortion by ransomware", statute: "Code pénal art. 312-1", max_penalty_months: 84 },
    ],
    conduct: ["system_interference", "ransomware", "extortion"],
    facts:
      "A hospital's file servers were encrypted on 2026-09-20 and a ransom demanded from the address below.",
    intent_alleged: "dishonest_or_criminal",
  },
  subjects: [{ role: "suspect", identifiers: [{ type: "email", value: "payme@example.net" }] }],
  measures: [{ type: "subscriber_info" }],
};

/** A valid request: the baseline changed by `change` (which may mutate its argument). */
export function requestWith(change: (draft: RequestDraft) => void = () => {}): Request {
  const draft = structuredClone(BASELINE);
  change(draft);
  return parseRequest(draft);
}
