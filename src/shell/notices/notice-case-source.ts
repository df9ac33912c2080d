/**
 * What the notices need of a case (a port the integrator connects to the case store and intake):
 * the request as received, the case's events, its assessment and profile, the commitment salt, the
 * event ids of its public records, and the person's e-mail address when one is known.
 */
import type { Assessment } from "../../core/assess/assessment.ts";
import type { CaseEvent } from "../../core/case/case-events.ts";
import { composeNotice, type Notice, type NoticeInput } from "../../core/notices/compose-notice.ts";
import { formatNoticeCode } from "../../core/notices/notice-code.ts";
import type { Request } from "../../core/request/request-schema.ts";

export interface NoticeCase {
  readonly caseId: string;
  readonly request: Request;
  /** The request's JSON exactly as committed to (intake's `request_json`): attached to the notice. */
  readonly requestJson: string;
  readonly events: readonly CaseEvent[];
  readonly assessment?: Assessment | undefined;
  readonly profile: { readonly id: string; readonly title: string };
  readonly salt: Uint8Array;
  /** Event id of the case's `received` public record. */
  readonly receivedEventId: string;
  /** Event ids of the case's later public records, in order. */
  readonly laterEventIds: readonly string[];
  /** The person's e-mail address, when known. */
  readonly recipient?: string | undefined;
}

export interface NoticeCaseSource {
  /** The case, or undefined when there is none with this id. */
  noticeCase(caseId: string): Promise<NoticeCase | undefined>;
}

/** What the operator configures once: who sends notices, where its log is, whom to complain to. */
export interface NoticeSettings {
  readonly sender: string;
  readonly log: NoticeInput["log"];
  readonly oversight?: NoticeInput["oversight"];
  /** The public web console, whose `#/notice/<code>` page checks a notice in the browser. */
  readonly consoleUrl?: string | undefined;
}

/** The notice of a case, issued on `issuedOn` (YYYY-MM-DD). */
export function noticeForCase(noticeCase: NoticeCase, settings: NoticeSettings, issuedOn: string): Notice {
  return composeNotice({
    code: formatNoticeCode({ eventId: noticeCase.receivedEventId, salt: noticeCase.salt }),
    issuedOn,
    sender: settings.sender,
    request: noticeCase.request,
    events: noticeCase.events,
    assessment: noticeCase.assessment,
    profile: noticeCase.profile,
    log: settings.log,
    caseEventIds: noticeCase.laterEventIds,
    oversight: settings.oversight,
    consoleUrl: settings.consoleUrl,
  });
}
