/**
 * Test support: a fast-check arbitrary of valid requests spanning the vocabularies, the states of the
 * knowledge base and the optional parts, for property tests of the assessor.
 */
import fc from "fast-check";
import { parseRequest } from "../request/parse-request.ts";
import type { Request } from "../request/request-schema.ts";
import {
  AUTHORITY_KINDS,
  CONDUCT_CATEGORIES,
  INSTRUMENT_IDS,
  INTENT_ALLEGED,
  MEASURE_TYPES,
  SUBJECT_ATTRIBUTES,
  SUBJECT_ROLES,
  THREATS,
} from "../request/vocabulary.ts";

export function requestArbitrary(states: readonly string[]): fc.Arbitrary<Request> {
  const state = fc.constantFrom(...states);
  return fc
    .record({
      requestingState: state,
      requestedState: state,
      kind: fc.constantFrom(...AUTHORITY_KINDS),
      validated: fc.option(
        fc.constantFrom("judge", "court", "prosecutor") as fc.Arbitrary<"judge" | "court" | "prosecutor">,
        {
          nil: undefined,
        },
      ),
      provider: fc.option(state, { nil: undefined }),
      instrument: fc.constantFrom(...INSTRUMENT_IDS),
      conduct: fc.uniqueArray(fc.constantFrom(...CONDUCT_CATEGORIES), { minLength: 1, maxLength: 4 }),
      penalty: fc.integer({ min: 0, max: 1200 }),
      intent: fc.constantFrom(...INTENT_ALLEGED),
      facts: fc.constantFrom(
        "x",
        "The account holder is alleged to have taken part in the conduct described on 2026-09-20.",
      ),
      subjects: fc.array(
        fc.record({
          role: fc.constantFrom(...SUBJECT_ROLES),
          attributes: fc.uniqueArray(fc.constantFrom(...SUBJECT_ATTRIBUTES), { maxLength: 2 }),
          location: fc.option(state, { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      measures: fc.uniqueArray(fc.constantFrom(...MEASURE_TYPES), { minLength: 1, maxLength: 4 }),
      dated: fc.boolean(),
      emergency: fc.option(fc.record({ threat: fc.constantFrom(...THREATS), long: fc.boolean() }), {
        nil: undefined,
      }),
      secrecy: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      assured: fc.boolean(),
    })
    .map((g) =>
      parseRequest({
        format: "lightswitch.request/v1",
        id: "prop-0001",
        issued_at: "2026-10-02T09:14:00Z",
        requesting: {
          state: g.requestingState,
          authority: "Authority",
          authority_id: "auth-1",
          kind: g.kind,
          ...(g.validated === undefined ? {} : { validated_by: { authority: "Court", kind: g.validated } }),
        },
        requested:
          g.provider === undefined
            ? { state: g.requestedState, party: "central_authority" }
            : {
                state: g.requestedState,
                party: "provider",
                provider: "Example Ltd",
                provider_state: g.provider,
              },
        legal_basis: { instrument: g.instrument },
        case: {
          reference: "ref",
          stage: "investigation",
          offences: [{ title: "Offence", statute: "Statute art. 1", max_penalty_months: g.penalty }],
          conduct: g.conduct,
          facts: g.facts,
          intent_alleged: g.intent,
        },
        subjects: g.subjects.map((s) => ({
          role: s.role,
          identifiers: [{ type: "email", value: "someone@example.org" }],
          attributes: s.attributes,
          ...(s.location === undefined ? {} : { location: s.location }),
        })),
        measures: g.measures.map((type) =>
          g.dated ? { type, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" } : { type },
        ),
        ...(g.emergency === undefined
          ? {}
          : {
              urgency: {
                emergency: true,
                threat: g.emergency.threat,
                explanation: g.emergency.long
                  ? "A person's life is in danger: a hostage-taker uses this account to negotiate."
                  : "now",
              },
            }),
        ...(g.secrecy === undefined
          ? {}
          : { confidentiality: { requested: true, months: g.secrecy, justification: "Covert." } }),
        ...(g.assured ? { assurances: { no_death_penalty: true } } : {}),
      }),
    );
}
