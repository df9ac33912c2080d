/**
 * Case transitions as a pure function `(events, command, actor, now) → new events` (DESIGN §3): only the
 * legal moves exist, each allowed to the roles the law gives it to. Deciding against the assessor, refusing,
 * or deciding a discretionary ground needs a written reason (Budapest Art. 27(7): reasons for refusal);
 * intrusive measures need an authoriser; nothing stays sealed beyond the profile's limit without a new,
 * reasoned decision by an authoriser.
 */
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { toFieldIssues } from "../validation-issues.ts";
import { type Actor, type CaseEvent, EVENT_PAYLOADS, type Role } from "./case-events.ts";
import { type CaseStage, type CaseState, caseState, needsAuthorisation } from "./case-state.ts";

const Reason = z.string().trim().min(10, { message: "give a reason of at least 10 characters" });
const Day = z.iso.date();

export const CaseCommandSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("start_review") }),
  z.strictObject({
    kind: z.literal("decide"),
    decision: z.enum(["approve", "refuse"]),
    reason: z.string().default(""),
    grounds: z.array(z.string()).default([]),
  }),
  z.strictObject({ kind: z.literal("authorise"), reason: Reason }),
  z.strictObject({ kind: z.literal("deny_authorisation"), reason: Reason }),
  z.strictObject({ kind: z.literal("request_info"), reason: Reason }),
  z.strictObject({ kind: z.literal("record_info"), summary: z.string().min(1) }),
  z.strictObject({ kind: z.literal("open_consultation"), reason: Reason }),
  z.strictObject({
    kind: z.literal("close_consultation"),
    outcome: z.enum(["proceed", "refuse"]),
    reason: Reason,
  }),
  z.strictObject({
    kind: z.literal("record_execution"),
    package_sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { message: "expected the SHA-256 hex digest of the package" }),
  }),
  z.strictObject({ kind: z.literal("record_delivery"), channel: z.string().min(1) }),
  z.strictObject({ kind: z.literal("seal"), until: Day, reason: Reason }),
  z.strictObject({ kind: z.literal("extend_secrecy"), until: Day, reason: Reason }),
  z.strictObject({ kind: z.literal("end_proceedings"), outcome: z.enum(["adjudicated", "abandoned"]) }),
  z.strictObject({
    kind: z.literal("end_secrecy"),
    cause: z.enum(["end_date", "adjudicated", "abandoned", "maximum_reached"]),
  }),
  z.strictObject({
    kind: z.literal("notify"),
    channel: z.enum(["email", "post", "none_known"]),
    notice_id: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal("close"), reason: Reason }),
]);
export type CaseCommand = z.output<typeof CaseCommandSchema>;
export type CaseCommandKind = CaseCommand["kind"];

/** Which stages each command may be given in. */
const FROM: Record<CaseCommandKind, readonly CaseStage[]> = {
  start_review: ["assessed"],
  decide: ["in_review"],
  authorise: ["awaiting_authorisation"],
  deny_authorisation: ["awaiting_authorisation"],
  request_info: ["in_review"],
  record_info: ["info_requested"],
  open_consultation: ["in_review"],
  close_consultation: ["in_consultation"],
  record_execution: ["approved"],
  record_delivery: ["executed"],
  seal: ["delivered"],
  extend_secrecy: ["sealed"],
  end_proceedings: [
    "in_review",
    "approved",
    "executed",
    "delivered",
    "sealed",
    "refused",
    "info_requested",
    "in_consultation",
  ],
  end_secrecy: ["sealed"],
  notify: ["delivered", "notification_due"],
  close: ["refused", "notified"],
};

/** Which roles may give each command; the scheduler (system) may end secrecy and record notices. */
const ROLES_FOR: Record<CaseCommandKind, readonly ActorRole[]> = {
  start_review: ["case_worker"],
  decide: ["case_worker"],
  authorise: ["authoriser"],
  deny_authorisation: ["authoriser"],
  request_info: ["case_worker"],
  record_info: ["case_worker"],
  open_consultation: ["case_worker"],
  close_consultation: ["case_worker"],
  record_execution: ["case_worker"],
  record_delivery: ["case_worker"],
  seal: ["case_worker"],
  extend_secrecy: ["authoriser"],
  end_proceedings: ["case_worker"],
  end_secrecy: ["scheduler"],
  notify: ["case_worker", "scheduler"],
  close: ["case_worker"],
};

/** The commands `actor` may give on a case now (for the console's action buttons). */
export function availableCommands(state: CaseState, actor: Actor): CaseCommandKind[] {
  return (Object.keys(FROM) as CaseCommandKind[]).filter(
    (kind) => FROM[kind].includes(state.stage) && ROLES_FOR[kind].includes(actorRole(actor)),
  );
}

type ActorRole = Role | "scheduler" | "intake";

function actorRole(actor: Actor): ActorRole {
  return actor.kind === "user" ? actor.role : actor.component === "scheduler" ? "scheduler" : "intake";
}

/** Adds `months` calendar months to a day (YYYY-MM-DD), clamping to the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Parses a command from untrusted input; INVALID_INPUT names each field. */
export function parseCaseCommand(value: unknown): CaseCommand {
  const result = CaseCommandSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    throw new AppError("INVALID_INPUT", "the command is not valid", { issues: toFieldIssues(result.error) });
  }
  return result.data;
}

/**
 * Decides a command against a case's history: the new events, or an AppError (ILLEGAL_TRANSITION,
 * FORBIDDEN, INVALID_INPUT). `now` is an ISO instant from the clock port.
 */
export function decideCaseCommand(
  history: readonly CaseEvent[],
  command: CaseCommand,
  actor: Actor,
  now: string,
): CaseEvent[] {
  const state = caseState(history);
  if (!ROLES_FOR[command.kind].includes(actorRole(actor))) {
    throw new AppError(
      "FORBIDDEN",
      `a ${actorRole(actor).replaceAll("_", " ")} may not ${command.kind.replaceAll("_", " ")}`,
    );
  }
  if (!FROM[command.kind].includes(state.stage)) {
    throw new AppError(
      "ILLEGAL_TRANSITION",
      `cannot ${command.kind.replaceAll("_", " ")} a case that is ${state.stage.replaceAll("_", " ")}`,
    );
  }
  const event = <T extends CaseEvent["type"]>(
    type: T,
    payload: z.input<(typeof EVENT_PAYLOADS)[T]>,
  ): CaseEvent => ({ type, at: now, actor, payload: EVENT_PAYLOADS[type].parse(payload) }) as CaseEvent;
  const today = now.slice(0, 10);

  switch (command.kind) {
    case "start_review":
      return [event("review_started", {})];
    case "decide": {
      const verdict = state.assessorVerdict;
      const against =
        (command.decision === "approve" && verdict === "refuse") ||
        (command.decision === "refuse" && (verdict === "execute" || verdict === "partial"));
      const needsReason =
        against ||
        command.decision === "refuse" ||
        verdict === "review" ||
        verdict === "consult" ||
        verdict === "incomplete";
      if (needsReason && command.reason.trim().length < 10) {
        throw new AppError("INVALID_INPUT", "this decision needs a written reason", {
          issues: [
            {
              path: "reason",
              message: against
                ? "deciding against the assessor needs a written reason of at least 10 characters"
                : "a refusal or a decision on a discretionary ground needs a written reason of at least 10 characters",
            },
          ],
        });
      }
      return [
        event("decided", {
          decision: command.decision,
          reason: command.reason,
          against_assessor: against,
          grounds: command.grounds,
        }),
      ];
    }
    case "authorise":
      return [event("authorised", { reason: command.reason })];
    case "deny_authorisation":
      return [event("authorisation_denied", { reason: command.reason })];
    case "request_info":
      return [event("info_requested", { reason: command.reason })];
    case "record_info":
      return [event("info_received", { summary: command.summary })];
    case "open_consultation":
      return [event("consultation_opened", { reason: command.reason })];
    case "close_consultation":
      return [event("consultation_closed", { outcome: command.outcome, reason: command.reason })];
    case "record_execution":
      return [
        event("executed", {
          package_sha256: command.package_sha256,
          measures: state.measures.filter((m) => m.verdict !== "refuse").map((m) => m.type),
        }),
      ];
    case "record_delivery":
      return [event("delivered", { channel: command.channel })];
    case "seal": {
      checkSecrecyEnd(command.until, today, state.maxSecrecyMonths, today);
      return [event("sealed", { until: command.until, reason: command.reason })];
    }
    case "extend_secrecy": {
      if (state.sealedUntil !== null && command.until <= state.sealedUntil) {
        throw new AppError("INVALID_INPUT", "an extension must end later than the current secrecy", {
          issues: [{ path: "until", message: `must be after ${state.sealedUntil}` }],
        });
      }
      return [event("secrecy_extended", { until: command.until, reason: command.reason })];
    }
    case "end_proceedings":
      return [event("proceedings_ended", { outcome: command.outcome })];
    case "end_secrecy":
      return [event("secrecy_ended", { cause: command.cause })];
    case "notify":
      return [event("notified", { channel: command.channel, notice_id: command.notice_id })];
    case "close":
      return [event("closed", { reason: command.reason })];
  }
}

function checkSecrecyEnd(until: string, today: string, maxMonths: number | null, since: string): void {
  if (until <= today) {
    throw new AppError("INVALID_INPUT", "secrecy must end in the future", {
      issues: [{ path: "until", message: "must be after today" }],
    });
  }
  if (maxMonths !== null && until > addMonths(since, maxMonths)) {
    throw new AppError("INVALID_INPUT", `the profile allows at most ${maxMonths} months of secrecy`, {
      issues: [{ path: "until", message: `must be on or before ${addMonths(since, maxMonths)}` }],
    });
  }
}

/**
 * What the scheduler must do for a sealed case at `now` (issue 7): end secrecy when its end date has come,
 * when the proceedings ended, or when the profile's maximum is reached — whichever first.
 */
export function dueSecrecyCommand(state: CaseState, now: string): CaseCommand | null {
  if (state.stage !== "sealed" || state.sealedUntil === null || state.sealedSince === null) return null;
  const today = now.slice(0, 10);
  if (state.proceedingsEnded !== null) return { kind: "end_secrecy", cause: state.proceedingsEnded };
  if (today >= state.sealedUntil) return { kind: "end_secrecy", cause: "end_date" };
  if (state.maxSecrecyMonths !== null && today >= addMonths(state.sealedSince, state.maxSecrecyMonths)) {
    return { kind: "end_secrecy", cause: "maximum_reached" };
  }
  return null;
}

export { needsAuthorisation };
