/**
 * The notice to the person concerned (issue 7): once the case about them is decided or dropped and
 * secrecy has ended, they are told what was requested, by whom, under which instrument, what was
 * decided and why, what data left, which remedies they have, and how to prove with the notice code
 * that the request was logged on the day it was received and not changed since.
 *
 * composeNotice is pure: the request, the case's events, the assessment, the profile and the log's
 * coordinates come in as arguments, and the same input gives the same notice. Rendering to text and
 * to printable HTML is in render-notice.ts. The remedies text is deliberately generic: it names no
 * law that Lightswitch has not verified, and says that it is not legal advice.
 */
import type { Assessment, Finding } from "../assess/assessment.ts";
import type { CaseEvent, EventPayload } from "../case/case-events.ts";
import type { Request } from "../request/request-schema.ts";
import type { MeasureType } from "../request/vocabulary.ts";
import { parseNoticeCode } from "./notice-code.ts";
import { NoticeError } from "./notice-error.ts";

export const NOTICE_FORMAT = "lightswitch.notice/v1";

/** The sections every notice has, in order; a new one fails to compile until it has a heading. */
export const NOTICE_SECTIONS = [
  "requested",
  "requester",
  "instrument",
  "decision",
  "data",
  "remedies",
  "verification",
] as const;
export type NoticeSectionId = (typeof NOTICE_SECTIONS)[number];

const HEADINGS: Record<NoticeSectionId, string> = {
  requested: "What was requested",
  requester: "Who asked",
  instrument: "Under which instrument",
  decision: "What was decided, and why",
  data: "What data was handed over",
  remedies: "What you can do",
  verification: "How to check this notice against the public log",
};

export interface NoticeSection {
  readonly id: NoticeSectionId;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** A list shown after the paragraphs (measures, grounds, steps). */
  readonly items: readonly string[];
  /** Commands to copy exactly, shown last and never wrapped. */
  readonly commands?: readonly string[];
}

export interface Notice {
  readonly format: typeof NOTICE_FORMAT;
  readonly subject: string;
  readonly issued_on: string;
  readonly code: string;
  readonly greeting: string;
  readonly sections: readonly NoticeSection[];
}

export interface NoticeInput {
  /** The notice code (formatNoticeCode of the received record's event id and the case's salt). */
  readonly code: string;
  /** The day the notice is issued (YYYY-MM-DD), from the caller's clock. */
  readonly issuedOn: string;
  /** Who sends the notice: the requested party that handled the request. */
  readonly sender: string;
  readonly request: Request;
  /** The case's events, in order. */
  readonly events: readonly CaseEvent[];
  /** The assessment behind the `assessed` event, to explain its grounds; optional. */
  readonly assessment?: Assessment | undefined;
  readonly profile: { readonly id: string; readonly title: string };
  /** Where the log is, and the key that signs its checkpoints. */
  readonly log: { readonly url: string; readonly origin: string; readonly vkey: string };
  /** The public web console's address (e.g. https://lightswitch.example/), whose notice page checks a code. */
  readonly consoleUrl?: string | undefined;
  /** Event ids of the case's later public records, listed so that the person can check each of them. */
  readonly caseEventIds?: readonly string[] | undefined;
  /** An oversight body the sender names for complaints (name and contact), when it has one. */
  readonly oversight?: { readonly name: string; readonly contact: string } | undefined;
}

const MEASURE_LABELS: Record<MeasureType, string> = {
  preservation: "preservation of data (kept, not yet handed over)",
  subscriber_info: "subscriber information (who holds the account)",
  identification_data: "data to identify the user (e.g. IP addresses at sign-up or log-in)",
  traffic_data: "traffic data (who communicated with whom, when, from where)",
  content_data: "content (messages, files, e-mails)",
  search_seizure: "search and seizure of stored data",
  realtime_traffic: "real-time collection of traffic data",
  interception: "interception of content in real time",
  compelled_assistance: "compelled technical assistance",
  bulk_dataset: "a bulk data set",
  biometric_data: "biometric data",
};

const DECISION_LABELS: Record<EventPayload<"decided">["decision"], string> = {
  approve: "approved",
  refuse: "refused",
};

function day(instant: string): string {
  return instant.slice(0, 10);
}

function measureLabel(type: MeasureType): string {
  return MEASURE_LABELS[type];
}

type EventOf<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;

function eventsOf<T extends CaseEvent["type"]>(events: readonly CaseEvent[], type: T): EventOf<T>[] {
  return events.filter((event): event is EventOf<T> => event.type === type);
}

function lastOf<T extends CaseEvent["type"]>(events: readonly CaseEvent[], type: T): EventOf<T> | undefined {
  return eventsOf(events, type).at(-1);
}

function requestedSection(request: Request): NoticeSection {
  const items = request.measures.map((measure) => {
    const period =
      measure.from !== undefined || measure.to !== undefined
        ? ` for the period ${measure.from === undefined ? "(start not stated)" : day(measure.from)} to ${measure.to === undefined ? "(end not stated)" : day(measure.to)}`
        : "";
    const details = measure.details === undefined ? "" : ` (${measure.details})`;
    return `${measureLabel(measure.type)}${period}${details}`;
  });
  const identifiers = request.subjects.flatMap((subject) =>
    subject.identifiers.map((id) => `${id.type} ${id.value} (${subject.role.replace(/_/g, " ")})`),
  );
  const offences = request.case.offences.map((o) => `${o.title} (${o.statute})`).join("; ");
  return {
    id: "requested",
    heading: HEADINGS.requested,
    paragraphs: [
      `On ${day(request.issued_at)} a request (reference ${request.id}) asked for data about: ${identifiers.join(", ")}.`,
      `It was made in ${request.case.stage.replace(/_/g, " ")} of: ${offences}.`,
      "It asked for:",
    ],
    items,
  };
}

function requesterSection(request: Request): NoticeSection {
  const { requesting, requested } = request;
  const validated =
    requesting.validated_by === undefined
      ? ""
      : ` The request was validated by ${requesting.validated_by.authority} (${requesting.validated_by.kind}).`;
  const addressee =
    requested.party === "provider"
      ? `the provider ${requested.provider ?? "(not named)"} in ${requested.state}`
      : `the central authority of ${requested.state}`;
  return {
    id: "requester",
    heading: HEADINGS.requester,
    paragraphs: [
      `${requesting.authority}, a ${requesting.kind.replace(/_/g, " ")} authority of ${requesting.state}, sent the request to ${addressee}.${validated}`,
    ],
    items: [],
  };
}

function instrumentSection(request: Request, profile: NoticeInput["profile"]): NoticeSection {
  const { instrument, articles } = request.legal_basis;
  const cited = articles === undefined || articles.length === 0 ? "" : `, article(s) ${articles.join(", ")}`;
  const basis =
    instrument === "none"
      ? "The request invoked no treaty or agreement."
      : instrument === "bilateral"
        ? `The request invoked a bilateral agreement${cited}.`
        : `The request invoked ${instrument}${cited}.`;
  return {
    id: "instrument",
    heading: HEADINGS.instrument,
    paragraphs: [basis, `It was assessed under the rules of the profile "${profile.title}" (${profile.id}).`],
    items: [],
  };
}

function groundItems(grounds: readonly string[], assessment: Assessment | undefined): string[] {
  return grounds.map((ground) => {
    const finding: Finding | undefined = assessment?.findings.find((f) => f.rule === ground);
    if (finding === undefined) return ground;
    const citations = finding.citations.map((c) => `${c.instrument} art. ${c.article}`).join("; ");
    return `${ground}: ${finding.explanation}${citations === "" ? "" : ` (${citations})`}`;
  });
}

function decisionSection(events: readonly CaseEvent[], assessment: Assessment | undefined): NoticeSection {
  const paragraphs: string[] = [];
  const assessed = lastOf(events, "assessed");
  if (assessed !== undefined)
    paragraphs.push(
      `On ${day(assessed.at)} the request was assessed: the rules' verdict was "${assessed.payload.verdict}".`,
    );
  const decided = lastOf(events, "decided");
  let grounds: readonly string[] = assessed?.payload.grounds ?? [];
  if (decided === undefined) {
    paragraphs.push("No person recorded a decision on the request beyond the assessment.");
  } else {
    grounds = decided.payload.grounds.length > 0 ? decided.payload.grounds : grounds;
    const departs = decided.payload.against_assessor ? " This decision departs from the assessment." : "";
    paragraphs.push(
      `On ${day(decided.at)} the request was ${DECISION_LABELS[decided.payload.decision]}. The reason given: ${decided.payload.reason}${departs}`,
    );
  }
  for (const denied of eventsOf(events, "authorisation_denied"))
    paragraphs.push(`On ${day(denied.at)} the independent authoriser refused: ${denied.payload.reason}`);
  for (const authorised of eventsOf(events, "authorised"))
    paragraphs.push(
      `On ${day(authorised.at)} an independent authoriser approved: ${authorised.payload.reason}`,
    );
  for (const closed of eventsOf(events, "consultation_closed"))
    paragraphs.push(
      `On ${day(closed.at)} the consultation between the states ended (${closed.payload.outcome}): ${closed.payload.reason}`,
    );
  const ended = lastOf(events, "proceedings_ended");
  if (ended !== undefined)
    paragraphs.push(
      ended.payload.outcome === "adjudicated"
        ? `On ${day(ended.at)} the proceedings in which the data was sought were reported as decided.`
        : `On ${day(ended.at)} the proceedings in which the data was sought were reported as dropped.`,
    );
  const sealed = eventsOf(events, "sealed");
  if (sealed.length > 0) {
    const until = lastOf(events, "secrecy_extended")?.payload.until ?? sealed.at(-1)?.payload.until;
    const endedOn = lastOf(events, "secrecy_ended");
    paragraphs.push(
      `You could not be told earlier: the case was kept secret from ${day(sealed[0]!.at)}${until === undefined ? "" : ` (last set to end on ${until})`}` +
        `${endedOn === undefined ? "" : `; secrecy ended on ${day(endedOn.at)}`}. The reason given: ${sealed[0]!.payload.reason}`,
    );
  }
  if (grounds.length > 0) paragraphs.push("The grounds considered:");
  return {
    id: "decision",
    heading: HEADINGS.decision,
    paragraphs,
    items: groundItems(grounds, assessment),
  };
}

function dataSection(events: readonly CaseEvent[], sender: string): NoticeSection {
  const executed = eventsOf(events, "executed");
  if (executed.length === 0)
    return {
      id: "data",
      heading: HEADINGS.data,
      paragraphs: ["No data about you was handed over in this case."],
      items: [],
    };
  const delivered = eventsOf(events, "delivered");
  return {
    id: "data",
    heading: HEADINGS.data,
    paragraphs: [
      `The following data was handed over by ${sender}. The fingerprint (SHA-256) identifies the exact package; you may ask ${sender} for a copy of the data about you under data-protection law.`,
      ...delivered.map((d) => `It was delivered on ${day(d.at)} by ${d.payload.channel}.`),
    ],
    items: executed.map(
      (e) =>
        `On ${day(e.at)}: ${e.payload.measures.map(measureLabel).join(", ")}; package SHA-256 ${e.payload.package_sha256}`,
    ),
  };
}

function remediesSection(input: NoticeInput): NoticeSection {
  const { request } = input;
  const paragraphs = [
    `You may complain to a data-protection authority: the one of the country where you live, or of ${request.requested.state}, where the data was held. You may also ask ${input.sender} for the data it holds about you and how it was used.`,
    `If the data was used against you in ${request.requesting.state}, a court there may be able to review how it was obtained. A lawyer or a digital-rights organisation can tell you which remedies apply to you and by when.`,
    "This notice is not legal advice, and it does not say which laws apply to you.",
    "Keep this notice and the request file sent with it. With the notice code, you or anyone you choose can prove against the public log that this request was received on the day shown and has not been changed since.",
  ];
  if (input.oversight !== undefined)
    paragraphs.splice(
      1,
      0,
      `The body that oversees how ${input.sender} handles these requests: ${input.oversight.name} (${input.oversight.contact}).`,
    );
  return { id: "remedies", heading: HEADINGS.remedies, paragraphs, items: [] };
}

function verificationSection(input: NoticeInput, eventId: string): NoticeSection {
  const url = input.log.url.replace(/\/+$/, "");
  const events = input.caseEventIds ?? [];
  const eventFlags = events.map((id) => ` --event ${id}`).join("");
  return {
    id: "verification",
    heading: HEADINGS.verification,
    paragraphs: [
      `Your notice code is: ${input.code}`,
      `The log is ${input.log.origin}, at ${url}. Its checkpoints are signed with the key ${input.log.vkey}.`,
      "The notice code holds the log's name for the record made when the request was received, and a secret (the salt). Together with the request file, they reproduce the record's commitment; nobody can produce the same commitment from a different request.",
    ],
    items: [
      "Save the request file sent with this notice as request.json and run the command at the end of this section (it needs Node.js and the lightswitch program).",
      ...(input.consoleUrl === undefined
        ? []
        : [
            `Or open ${input.consoleUrl.replace(/\/+$/, "")}/#/notice/${input.code} in a web browser and give it the request file.`,
          ]),
      `Or by hand: ${url}/lookup?event=${encodeURIComponent(eventId)} gives the record's index, and ${url}/proof?event=${encodeURIComponent(eventId)} a proof that it is in the signed log.`,
      "Check the record's commitment: it is SHA-256 of the salt (the third part of the code, base64url-decoded) followed by the request in RFC 8785 canonical JSON.",
      "Every later record with the same commitment belongs to the same case; the record's date is the day the request was received.",
      ...(events.length === 0 ? [] : [`The case's later records in the log: ${events.join(", ")}.`]),
    ],
    commands: [
      `npx lightswitch notice verify ${input.code} --url ${url} --vkey '${input.log.vkey}' --request request.json${eventFlags}`,
    ],
  };
}

/** Composes the notice to the person concerned. Throws NOTICE_INPUT_INVALID for inconsistent input. */
export function composeNotice(input: NoticeInput): Notice {
  const { eventId } = parseNoticeCode(input.code);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.issuedOn))
    throw new NoticeError("NOTICE_INPUT_INVALID", "issuedOn is a day, YYYY-MM-DD");
  const received = lastOf(input.events, "received");
  if (received === undefined)
    throw new NoticeError(
      "NOTICE_INPUT_INVALID",
      "the case has no received event: there is nothing to notify",
    );
  if (received.payload.request_id !== input.request.id)
    throw new NoticeError(
      "NOTICE_INPUT_INVALID",
      `the case received request ${received.payload.request_id}, not ${input.request.id}`,
    );
  const sections = [
    requestedSection(input.request),
    requesterSection(input.request),
    instrumentSection(input.request, input.profile),
    decisionSection(input.events, input.assessment),
    dataSection(input.events, input.sender),
    remediesSection(input),
    verificationSection(input, eventId),
  ];
  return {
    format: NOTICE_FORMAT,
    subject: `Notice: a request for your data from ${input.request.requesting.state} (received ${day(received.at)})`,
    issued_on: input.issuedOn,
    code: input.code,
    greeting: `${input.sender} tells you about a request for data about you that it received on ${day(received.at)}. The case is over or no longer secret, so you can now be told.`,
    sections,
  };
}
