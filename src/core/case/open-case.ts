/**
 * Opening a case at intake: the `received` and `assessed` events, with the answer's deadline computed from
 * the profile (e.g. e-Evidence Art. 10: 10 days, 8 hours in an emergency) and how it was computed.
 */
import type { Assessment } from "../assess/assessment.ts";
import type { Profile } from "../profiles/profile-schema.ts";
import type { Request } from "../request/request-schema.ts";
import type { CaseEvent } from "./case-events.ts";

export interface Deadline {
  readonly due: string | null;
  readonly basis: string;
}

/** The deadline for answering a request received at `receivedAt` under `profile`. */
export function computeDeadline(receivedAt: string, emergency: boolean, profile: Profile): Deadline {
  const { normal_days, emergency_hours, cite } = profile.deadlines;
  const articles = cite.map((c) => `${c.instrument} art. ${c.article}`).join("; ");
  const start = Date.parse(receivedAt);
  if (emergency && emergency_hours !== null) {
    return {
      due: new Date(start + emergency_hours * 3_600_000).toISOString(),
      basis: `${emergency_hours} hours from receipt, as an emergency (${articles})`,
    };
  }
  if (normal_days !== null) {
    return {
      due: new Date(start + normal_days * 86_400_000).toISOString(),
      basis: `${normal_days} days from receipt${emergency ? " (the profile sets no shorter emergency deadline)" : ""} (${articles})`,
    };
  }
  return { due: null, basis: `${profile.title} sets no deadline (${articles})` };
}

/** Rules whose findings refused the request or sent it to a human. */
export function refusalGrounds(assessment: Assessment): string[] {
  return [
    ...new Set(
      assessment.findings
        .filter(
          (f) =>
            f.outcome === "fail" &&
            (f.effect === "refuse" || f.effect === "review" || f.effect === "consult"),
        )
        .map((f) => f.rule),
    ),
  ];
}

/** The first two events of every case. */
export function openCaseEvents(input: {
  readonly request: Request;
  readonly requestSha256: string;
  readonly assessment: Assessment;
  readonly profile: Profile;
  readonly receivedAt: string;
}): CaseEvent[] {
  const emergency = input.request.urgency?.emergency === true;
  const deadline = computeDeadline(input.receivedAt, emergency, input.profile);
  return [
    {
      type: "received",
      at: input.receivedAt,
      actor: { kind: "system", component: "intake" },
      payload: {
        request_id: input.request.id,
        authority_id: input.request.requesting.authority_id,
        request_sha256: input.requestSha256,
        emergency,
      },
    },
    {
      type: "assessed",
      at: input.receivedAt,
      actor: { kind: "system", component: "assessor" },
      payload: {
        profile: input.profile.id,
        knowledge_base: input.assessment.knowledge_base,
        verdict: input.assessment.verdict,
        measures: input.assessment.measures.map((m) => ({ ...m })),
        grounds: refusalGrounds(input.assessment),
        deadline: deadline.due,
        deadline_basis: deadline.basis,
        max_secrecy_months:
          input.assessment.notification.secrecy_allowed_months === null
            ? null
            : (input.profile.rules.confidentiality?.max_months ?? null),
      },
    },
  ];
}
