/** Test support: a decided, executed, delivered and unsealed case and the input of its notice. */
import type { CaseEvent } from "../case/case-events.ts";
import type { Request } from "../request/request-schema.ts";
import { requestWith } from "../testing/request-builder.ts";
import type { NoticeInput } from "./compose-notice.ts";
import { formatNoticeCode } from "./notice-code.ts";

export const FIXTURE_SALT = new Uint8Array(32).map((_, i) => i + 1);
export const FIXTURE_EVENT_ID = "case-0001/received";
export const FIXTURE_PACKAGE = "ab".repeat(32);

export function fixtureRequest(): Request {
  return requestWith((draft) => {
    draft.id = "fr-0001";
    draft.requested = { state: "IE", party: "provider", provider: "Example Mail Ltd" };
    draft.legal_basis = { instrument: "budapest-protocol2-2022", articles: ["7"] };
    draft.measures = [
      { type: "subscriber_info" },
      { type: "traffic_data", from: "2026-09-01T00:00:00Z", to: "2026-09-30T00:00:00Z" },
    ];
    draft.confidentiality = {
      requested: true,
      months: 3,
      justification: "The suspect is not yet identified.",
    };
  });
}

const worker = { kind: "user", user_id: "cw-1", role: "case_worker" } as const;

export function fixtureEvents(request: Request = fixtureRequest()): CaseEvent[] {
  return [
    {
      type: "received",
      at: "2026-10-02T10:00:00Z",
      actor: { kind: "system", component: "intake" },
      payload: {
        request_id: request.id,
        authority_id: request.requesting.authority_id,
        request_sha256: "cd".repeat(32),
        emergency: false,
      },
    },
    {
      type: "assessed",
      at: "2026-10-02T10:00:01Z",
      actor: { kind: "system", component: "assessor" },
      payload: {
        profile: "budapest-protocol2-2022",
        knowledge_base: "kb-1",
        verdict: "review",
        measures: [],
        grounds: ["good-faith"],
        deadline: null,
        deadline_basis: "none",
        max_secrecy_months: null,
      },
    },
    {
      type: "decided",
      at: "2026-10-05T09:00:00Z",
      actor: worker,
      payload: {
        decision: "approve",
        reason: "The conduct is extortion; no good-faith exemption applies.",
        against_assessor: false,
        grounds: ["good-faith"],
      },
    },
    {
      type: "executed",
      at: "2026-10-06T09:00:00Z",
      actor: worker,
      payload: { package_sha256: FIXTURE_PACKAGE, measures: ["subscriber_info"] },
    },
    { type: "delivered", at: "2026-10-06T10:00:00Z", actor: worker, payload: { channel: "secure portal" } },
    {
      type: "sealed",
      at: "2026-10-06T11:00:00Z",
      actor: worker,
      payload: { until: "2027-01-06", reason: "Disclosure would alert the suspect." },
    },
    {
      type: "proceedings_ended",
      at: "2026-11-20T09:00:00Z",
      actor: worker,
      payload: { outcome: "abandoned" },
    },
    {
      type: "secrecy_ended",
      at: "2026-11-21T00:00:00Z",
      actor: { kind: "system", component: "scheduler" },
      payload: { cause: "abandoned" },
    },
  ];
}

export function fixtureNoticeInput(overrides: Partial<NoticeInput> = {}): NoticeInput {
  const request = fixtureRequest();
  return {
    code: formatNoticeCode({ eventId: FIXTURE_EVENT_ID, salt: FIXTURE_SALT }),
    issuedOn: "2026-11-26",
    sender: "Example Mail Ltd",
    request,
    events: fixtureEvents(request),
    profile: { id: "budapest-protocol2-2022", title: "Budapest Convention, Second Protocol" },
    log: { url: "https://log.example/log/", origin: "log.example/log", vkey: "log.example/log+01234567+AQ" },
    ...overrides,
  };
}
