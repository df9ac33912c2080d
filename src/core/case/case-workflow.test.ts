import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import type { Assessment } from "../assess/assessment.ts";
import type { Profile } from "../profiles/profile-schema.ts";
import { requestWith } from "../testing/request-builder.ts";
import { addMonths, type CaseCommand, decideCaseCommand, dueSecrecyCommand } from "./case-commands.ts";
import { type Actor, type CaseEvent, CaseEventSchema } from "./case-events.ts";
import { CASE_STAGES, caseState, isOverdue } from "./case-state.ts";
import { computeDeadline, openCaseEvents } from "./open-case.ts";

const worker: Actor = { kind: "user", user_id: "u-worker", role: "case_worker" };
const judge: Actor = { kind: "user", user_id: "u-judge", role: "authoriser" };
const auditor: Actor = { kind: "user", user_id: "u-audit", role: "auditor" };
const scheduler: Actor = { kind: "system", component: "scheduler" };
const NOW = "2026-10-02T10:00:00.000Z";

const profile = {
  id: "test-profile",
  title: "Test profile",
  deadlines: {
    normal_days: 10,
    emergency_hours: 8,
    explanation: "x",
    cite: [{ instrument: "eu-e-evidence-2023", article: "10" }],
  },
  rules: {
    confidentiality: { max_months: 12, notification: "required", require_justification: true, cite: [] },
  },
} as unknown as Profile;

function assessment(verdict: Assessment["verdict"], requiresAuthorisation = false): Assessment {
  return {
    format: "lightswitch.assessment/v1",
    request_id: "test-0001",
    profile: "test-profile",
    knowledge_base: "sha256:0",
    verdict,
    measures: [
      {
        type: "content_data",
        verdict: verdict === "partial" ? "execute" : verdict,
        requires_authorisation: requiresAuthorisation,
      },
    ],
    findings: [],
    notification: {
      duty: "required",
      secrecy_requested_months: 3,
      secrecy_allowed_months: 3,
      explanation: "",
      citations: [],
    },
  };
}

function opened(
  verdict: Assessment["verdict"] = "execute",
  requiresAuthorisation = false,
  emergency = false,
): CaseEvent[] {
  const request = requestWith((r) => {
    if (emergency)
      r.urgency = {
        emergency: true,
        threat: "imminent_threat_to_life",
        explanation: "A life is at stake right now.",
      };
  });
  return openCaseEvents({
    request,
    requestSha256: "a".repeat(64),
    assessment: assessment(verdict, requiresAuthorisation),
    profile,
    receivedAt: NOW,
  });
}

function run(history: CaseEvent[], steps: [CaseCommand, Actor][], now = NOW): CaseEvent[] {
  let events = history;
  for (const [command, actor] of steps)
    events = [...events, ...decideCaseCommand(events, command, actor, now)];
  return events;
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : "OTHER";
  }
  return "NONE";
};

describe("case workflow", () => {
  it("a request assessed for execution is reviewed, approved, executed with the package's hash, delivered, sealed and later notified", () => {
    const events = run(opened(), [
      [{ kind: "start_review" }, worker],
      [{ kind: "decide", decision: "approve", reason: "", grounds: [] }, worker],
      [{ kind: "record_execution", package_sha256: "b".repeat(64) }, worker],
      [{ kind: "record_delivery", channel: "e-CODEX" }, worker],
      [{ kind: "seal", until: "2027-01-02", reason: "Suspect not yet identified." }, worker],
    ]);
    const state = caseState(events);
    expect(state.stage).toBe("sealed");
    expect(state.packageSha256).toBe("b".repeat(64));
    for (const e of events) expect(CaseEventSchema.safeParse(e).success).toBe(true);
  });

  it("deciding against the assessor needs a written reason, and the override is counted for auditors", () => {
    const reviewing = run(opened("refuse"), [[{ kind: "start_review" }, worker]]);
    expect(
      codeOf(() =>
        decideCaseCommand(
          reviewing,
          { kind: "decide", decision: "approve", reason: "", grounds: [] },
          worker,
          NOW,
        ),
      ),
    ).toBe("INVALID_INPUT");
    const events = run(reviewing, [
      [
        {
          kind: "decide",
          decision: "approve",
          reason: "The ground rests on an unverified fact we checked.",
          grounds: [],
        },
        worker,
      ],
    ]);
    expect(caseState(events).overrides).toBe(1);
  });

  it("a refusal always gives its reasons", () => {
    const reviewing = run(opened("execute"), [[{ kind: "start_review" }, worker]]);
    expect(
      codeOf(() =>
        decideCaseCommand(
          reviewing,
          { kind: "decide", decision: "refuse", reason: "no", grounds: [] },
          worker,
          NOW,
        ),
      ),
    ).toBe("INVALID_INPUT");
  });

  it("an intrusive measure waits for an independent authoriser, whom a case worker cannot replace", () => {
    const approved = run(opened("execute", true), [
      [{ kind: "start_review" }, worker],
      [{ kind: "decide", decision: "approve", reason: "", grounds: [] }, worker],
    ]);
    expect(caseState(approved).stage).toBe("awaiting_authorisation");
    expect(
      codeOf(() =>
        decideCaseCommand(approved, { kind: "authorise", reason: "Proportionate to the harm." }, worker, NOW),
      ),
    ).toBe("FORBIDDEN");
    const authorised = run(approved, [
      [{ kind: "authorise", reason: "Proportionate to the harm shown." }, judge],
    ]);
    expect(caseState(authorised).stage).toBe("approved");
  });

  it("an auditor reads everything and changes nothing", () => {
    expect(codeOf(() => decideCaseCommand(opened(), { kind: "start_review" }, auditor, NOW))).toBe(
      "FORBIDDEN",
    );
  });

  it("a case cannot be executed before it is approved", () => {
    expect(
      codeOf(() =>
        decideCaseCommand(
          opened(),
          { kind: "record_execution", package_sha256: "c".repeat(64) },
          worker,
          NOW,
        ),
      ),
    ).toBe("ILLEGAL_TRANSITION");
  });

  it("secrecy cannot exceed the profile's limit at sealing; extending it needs an authoriser and a later date", () => {
    const delivered = run(opened(), [
      [{ kind: "start_review" }, worker],
      [{ kind: "decide", decision: "approve", reason: "", grounds: [] }, worker],
      [{ kind: "record_execution", package_sha256: "b".repeat(64) }, worker],
      [{ kind: "record_delivery", channel: "e-CODEX" }, worker],
    ]);
    expect(
      codeOf(() =>
        decideCaseCommand(
          delivered,
          { kind: "seal", until: "2028-01-01", reason: "Long covert operation." },
          worker,
          NOW,
        ),
      ),
    ).toBe("INVALID_INPUT");
    const sealed = run(delivered, [
      [{ kind: "seal", until: "2027-01-02", reason: "Suspect not yet identified." }, worker],
    ]);
    expect(
      codeOf(() =>
        decideCaseCommand(
          sealed,
          { kind: "extend_secrecy", until: "2027-03-02", reason: "Still covert." },
          worker,
          NOW,
        ),
      ),
    ).toBe("FORBIDDEN");
    const extended = run(sealed, [
      [{ kind: "extend_secrecy", until: "2027-03-02", reason: "Arrest planned for February." }, judge],
    ]);
    expect(caseState(extended).sealedUntil).toBe("2027-03-02");
  });

  it("a case sealed for 3 months is due for notice the day its secrecy ends, not the day before", () => {
    const sealed = run(opened(), [
      [{ kind: "start_review" }, worker],
      [{ kind: "decide", decision: "approve", reason: "", grounds: [] }, worker],
      [{ kind: "record_execution", package_sha256: "b".repeat(64) }, worker],
      [{ kind: "record_delivery", channel: "e-CODEX" }, worker],
      [{ kind: "seal", until: addMonths("2026-10-02", 3), reason: "Suspect not yet identified." }, worker],
    ]);
    expect(dueSecrecyCommand(caseState(sealed), "2027-01-01T23:59:59Z")).toBeNull();
    const due = dueSecrecyCommand(caseState(sealed), "2027-01-02T00:00:01Z");
    expect(due).toEqual({ kind: "end_secrecy", cause: "end_date" });
    const ended = run(sealed, [[due as CaseCommand, scheduler]], "2027-01-02T00:00:01Z");
    expect(caseState(ended).stage).toBe("notification_due");
  });

  it("an abandoned case is due for notice at once, whatever its secrecy date", () => {
    const sealed = run(opened(), [
      [{ kind: "start_review" }, worker],
      [{ kind: "decide", decision: "approve", reason: "", grounds: [] }, worker],
      [{ kind: "record_execution", package_sha256: "b".repeat(64) }, worker],
      [{ kind: "record_delivery", channel: "e-CODEX" }, worker],
      [{ kind: "seal", until: "2027-06-01", reason: "Suspect not yet identified." }, worker],
      [{ kind: "end_proceedings", outcome: "abandoned" }, worker],
    ]);
    expect(dueSecrecyCommand(caseState(sealed), "2026-10-03T00:00:00Z")).toEqual({
      kind: "end_secrecy",
      cause: "abandoned",
    });
  });

  it("computes deadlines with their basis: 10 days, or 8 hours in an emergency", () => {
    expect(computeDeadline(NOW, false, profile)).toMatchObject({ due: "2026-10-12T10:00:00.000Z" });
    const emergency = computeDeadline(NOW, true, profile);
    expect(emergency.due).toBe("2026-10-02T18:00:00.000Z");
    expect(emergency.basis).toContain("8 hours");
    expect(isOverdue(caseState(opened("execute", false, true)), "2026-10-02T18:00:01Z")).toBe(true);
    expect(isOverdue(caseState(opened("execute", false, true)), "2026-10-02T17:59:59Z")).toBe(false);
  });

  const commands: fc.Arbitrary<[CaseCommand, Actor]> = fc.tuple(
    fc.constantFrom<CaseCommand>(
      { kind: "start_review" },
      { kind: "decide", decision: "approve", reason: "A considered reason here.", grounds: [] },
      { kind: "decide", decision: "refuse", reason: "A considered reason here.", grounds: [] },
      { kind: "authorise", reason: "A considered reason here." },
      { kind: "request_info", reason: "A considered reason here." },
      { kind: "record_info", summary: "answered" },
      { kind: "open_consultation", reason: "A considered reason here." },
      { kind: "close_consultation", outcome: "proceed", reason: "A considered reason here." },
      { kind: "record_execution", package_sha256: "d".repeat(64) },
      { kind: "record_delivery", channel: "portal" },
      { kind: "seal", until: "2026-12-01", reason: "A considered reason here." },
      { kind: "end_proceedings", outcome: "adjudicated" },
      { kind: "end_secrecy", cause: "end_date" },
      { kind: "notify", channel: "email", notice_id: "n-1" },
      { kind: "close", reason: "A considered reason here." },
    ),
    fc.constantFrom(worker, judge, auditor, scheduler),
  );

  test.prop([fc.array(commands, { maxLength: 25 }), fc.boolean()])(
    "whatever is attempted, only legal moves happen: errors are typed and every history folds to a known stage",
    (attempts, intrusive) => {
      let events = opened("execute", intrusive);
      for (const [command, actor] of attempts) {
        try {
          events = [...events, ...decideCaseCommand(events, command, actor, NOW)];
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect(["FORBIDDEN", "ILLEGAL_TRANSITION", "INVALID_INPUT"]).toContain((error as AppError).code);
        }
      }
      const state = caseState(events);
      expect(CASE_STAGES).toContain(state.stage);
      if (state.packageSha256 !== null && intrusive) expect(state.authorised).toBe(true);
    },
  );
});
