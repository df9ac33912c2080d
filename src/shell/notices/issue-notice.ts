/**
 * Issuing the notice of a case once secrecy has ended (the scheduler's step after `secrecy_ended`):
 * composed from the case (NoticeCaseSource) and queued for e-mail when the person's address is known.
 * The case's `notify` command follows delivery: for e-mail from NoticeDeliveries' `onSent`; when no
 * contact is known, at once with channel `none_known` (the printable page stays available to staff).
 */
import { AppError } from "../../core/app-error.ts";
import { caseState } from "../../core/case/case-state.ts";
import type { NoticeCaseSource, NoticeSettings } from "./notice-case-source.ts";
import { noticeForCase } from "./notice-case-source.ts";
import type { NoticeDeliveries } from "./notice-deliveries.ts";

export type IssuedNotice =
  | { readonly kind: "queued"; readonly noticeId: string }
  /** No contact known: record `notify { channel: "none_known", notice_id }` now. */
  | { readonly kind: "no_contact"; readonly noticeId: string };

export async function issueCaseNotice(
  deps: {
    readonly cases: NoticeCaseSource;
    readonly deliveries: Pick<NoticeDeliveries, "enqueueNotice">;
    readonly settings: NoticeSettings;
  },
  caseId: string,
  now: number,
): Promise<IssuedNotice> {
  const noticeCase = await deps.cases.noticeCase(caseId);
  if (noticeCase === undefined) throw new AppError("NOT_FOUND", `no case ${caseId}`);
  if (caseState(noticeCase.events).stage === "sealed")
    throw new AppError("CONFLICT", `case ${caseId} is under secrecy: the person cannot be told yet`);
  const notice = noticeForCase(noticeCase, deps.settings, new Date(now).toISOString().slice(0, 10));
  if (noticeCase.recipient === undefined) return { kind: "no_contact", noticeId: `none-${caseId}` };
  const noticeId = await deps.deliveries.enqueueNotice(
    { caseId, recipient: noticeCase.recipient, notice, requestJson: noticeCase.requestJson },
    now,
  );
  return { kind: "queued", noticeId };
}
