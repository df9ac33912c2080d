import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CaseWorkflowFixture,
  openCaseWorkflow,
  PASSWORD,
} from "../../../../test/support/case-workflow-app.ts";
import { testDialects } from "../../../../test/support/databases.ts";
import { commitToRequest, decodePublicRecord } from "../../../core/records/public-record.ts";
import { withCaseTables } from "../../../shell/cases/case-tables.ts";

const CONTENT = { type: "content_data", from: "2026-09-01T00:00:00Z", to: "2026-09-20T00:00:00Z" } as const;
const EMERGENCY = {
  emergency: true,
  threat: "imminent_threat_to_life",
  explanation: "A child is missing.",
} as const;

for (const dialect of testDialects) {
  describe(`case API (${dialect.name})`, () => {
    let f: CaseWorkflowFixture;
    beforeEach(async () => {
      f = await openCaseWorkflow(dialect);
    });
    afterEach(async () => {
      await f.cleanup();
    });

    const command = (caseId: string, role: Parameters<CaseWorkflowFixture["as"]>[0], body: unknown) =>
      f.app.inject({
        method: "POST",
        url: `/v1/cases/${caseId}/commands`,
        headers: f.as(role),
        payload: body as object,
      });

    it("logs in with the password, tells who is logged in, and logs out", async () => {
      const login = await f.app.inject({
        method: "POST",
        url: "/v1/sessions",
        payload: { email: "auditor@example.org", password: PASSWORD },
      });
      expect(login.statusCode).toBe(201);
      const { token } = login.json();
      const me = await f.app.inject({ url: "/v1/me", headers: { authorization: `Bearer ${token}` } });
      expect(me.json()).toMatchObject({ role: "auditor", email: "auditor@example.org" });
      expect(me.json()).not.toHaveProperty("password_hash");
      const wrong = await f.app.inject({
        method: "POST",
        url: "/v1/sessions",
        payload: { email: "auditor@example.org", password: "not the password" },
      });
      expect(wrong.json().error.code).toBe("UNAUTHENTICATED");
      const out = await f.app.inject({
        method: "DELETE",
        url: "/v1/sessions",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(out.statusCode).toBe(204);
      expect(
        (await f.app.inject({ url: "/v1/me", headers: { authorization: `Bearer ${token}` } })).statusCode,
      ).toBe(401);
    });

    it("a disabled user's sessions end at once", async () => {
      await f.app.inject({
        method: "POST",
        url: `/v1/users/${f.staff.case_worker.userId}/disable`,
        headers: f.as("admin"),
      });
      expect((await f.app.inject({ url: "/v1/me", headers: f.as("case_worker") })).statusCode).toBe(401);
    });

    it("lists the queue overdue first, with its filters", async () => {
      const late = await f.seedCase({ receivedAt: "2026-09-01T09:00:00.000Z" });
      const urgent = await f.seedCase({ change: (r) => (r.urgency = { ...EMERGENCY }) });
      const normal = await f.seedCase();
      const list = async (query = "") =>
        (await f.app.inject({ url: `/v1/cases${query}`, headers: f.as("case_worker") })).json()
          .cases as Array<{
          case_id: string;
          overdue: boolean;
        }>;
      expect((await list()).map((c) => c.case_id)).toEqual([late, urgent, normal]);
      expect((await list())[0]?.overdue).toBe(true);
      expect((await list("?overdue=true")).map((c) => c.case_id)).toEqual([late]);
      expect((await list("?overdue=false")).map((c) => c.case_id)).toEqual([urgent, normal]);
      expect((await list("?emergency=true")).map((c) => c.case_id)).toEqual([urgent]);
      expect((await list("?requesting_state=FR&profile=eu-e-evidence-2023")).length).toBe(3);
      // The emergency rule sends an unverified emergency to a human: not "execute".
      expect((await list("?verdict=execute")).map((c) => c.case_id)).toEqual([late, normal]);
      expect((await list("?requesting_state=DE")).length).toBe(0);
      expect((await list("?stage=in_review")).length).toBe(0);
      expect((await list("?due_before=2026-10-03T00:00:00Z")).map((c) => c.case_id)).toEqual([late, urgent]);
      const bad = await f.app.inject({ url: "/v1/cases?stage=nowhere", headers: f.as("case_worker") });
      expect(bad.statusCode).toBe(400);
    });

    it("shows a case with its request, findings, deadline and basis, timeline, log indexes and actions; the read is in the access log", async () => {
      const id = await f.seedCase({ change: (r) => (r.urgency = { ...EMERGENCY }) });
      const response = await f.app.inject({ url: `/v1/cases/${id}`, headers: f.as("case_worker") });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.request.subjects[0].identifiers[0].value).toBe("payme@example.net");
      expect(body.assessment.findings.length).toBeGreaterThan(0);
      expect(body.deadline.due).toBe("2026-10-02T17:00:00.000Z");
      expect(body.deadline.basis).toMatch(/8 hours from receipt, as an emergency/);
      expect(body.timeline.map((e: { type: string }) => e.type)).toEqual(["received", "assessed"]);
      expect(body.timeline.every((e: { log_index: number | null }) => Number.isInteger(e.log_index))).toBe(
        true,
      );
      expect(body.available_actions).toEqual(["start_review"]);
      const audited = await f.app.inject({ url: `/v1/cases/${id}`, headers: f.as("auditor") });
      expect(audited.json().available_actions).toEqual([]);
      const log = await f.app.inject({ url: `/v1/access-log?case_id=${id}`, headers: f.as("auditor") });
      expect(log.json().entries).toMatchObject([
        {
          user_id: f.staff.case_worker.userId,
          role: "case_worker",
          case_id: id,
          fields: ["request", "assessment", "events"],
        },
        { user_id: f.staff.auditor.userId, role: "auditor", case_id: id },
      ]);
    });

    it("the personal data is encrypted at rest", async () => {
      const id = await f.seedCase();
      const row = await f.database.db
        .selectFrom("case_events" as never)
        .select(["payload_enc" as never])
        .execute();
      expect(JSON.stringify(row)).toMatch(/lsenc1:/);
      const detail = await f.app.inject({ url: `/v1/cases/${id}`, headers: f.as("auditor") });
      expect(detail.json().request.case.facts).toMatch(/hospital/);
    });

    it("runs a case from review to delivery; each event is logged, refused moves are 409/403/400 with field paths", async () => {
      const id = await f.seedCase({
        profile: "rights-first",
        change: (r) => (r.measures = [{ ...CONTENT }]),
      });
      const review = await command(id, "case_worker", { kind: "start_review" });
      expect(review.statusCode).toBe(201);
      expect(review.json()).toMatchObject({
        stage: "in_review",
        available_actions: expect.arrayContaining(["decide"]),
      });
      expect(review.json().log_indexes).toHaveLength(1);

      const again = await command(id, "case_worker", { kind: "start_review" });
      expect([again.statusCode, again.json().error.code]).toEqual([409, "ILLEGAL_TRANSITION"]);
      const notYours = await command(id, "authoriser", { kind: "decide", decision: "approve" });
      expect([notYours.statusCode, notYours.json().error.code]).toEqual([403, "FORBIDDEN"]);
      const noReason = await command(id, "case_worker", { kind: "decide", decision: "refuse" });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.issues[0].path).toBe("reason");
      const unknown = await command(id, "case_worker", { kind: "fly" });
      expect([unknown.statusCode, unknown.json().error.issues[0].path]).toEqual([400, "kind"]);
      const badHash = await command(id, "case_worker", { kind: "record_execution", package_sha256: "xyz" });
      expect(badHash.json().error.issues[0].path).toBe("package_sha256");

      const approve = await command(id, "case_worker", { kind: "decide", decision: "approve" });
      expect(approve.json().stage).toBe("awaiting_authorisation");
      const authorise = await command(id, "authoriser", {
        kind: "authorise",
        reason: "Judicial authorisation for content data: proportionate, period limited.",
      });
      expect(authorise.json().stage).toBe("approved");
      const executed = await command(id, "case_worker", {
        kind: "record_execution",
        package_sha256: "b".repeat(64),
      });
      expect(executed.json().stage).toBe("executed");
      const delivered = await command(id, "case_worker", {
        kind: "record_delivery",
        channel: "secure portal",
      });
      expect(delivered.json().stage).toBe("delivered");

      const detail = (await f.app.inject({ url: `/v1/cases/${id}`, headers: f.as("auditor") })).json();
      expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual([
        "received",
        "assessed",
        "review_started",
        "decided",
        "authorised",
        "executed",
        "delivered",
      ]);
      const indexes = detail.timeline.map((e: { log_index: number }) => e.log_index);
      const entries = await f.log.store.readEntries(0, Math.max(...indexes) + 1);
      const records = indexes.map((i: number) => decodePublicRecord(entries[i]!));
      expect(records.map((r: { event_type: string }) => r.event_type)).toEqual([
        "received",
        "assessed",
        "in_review",
        "awaiting_authorisation",
        "approved",
        "executed",
        "delivered",
      ]);
      expect(new Set(records.map((r: { commitment: string }) => r.commitment)).size).toBe(1);
      // The person notified gets the salt and can recompute the commitment from their request.
      const row = await withCaseTables(f.database.db)
        .selectFrom("cases")
        .select("commitment_salt")
        .where("case_id", "=", id)
        .executeTakeFirstOrThrow();
      expect(records[0].commitment).toBe(
        commitToRequest(Buffer.from(row.commitment_salt, "hex"), detail.request),
      );
      expect(records.every((r: { visibility: string }) => r.visibility === "public")).toBe(true);
      expect(JSON.stringify(records)).not.toMatch(/payme|hospital|J3-2026/);
    });

    it("a decision against the assessor needs a reason and is listed for auditors", async () => {
      const id = await f.seedCase();
      await command(id, "case_worker", { kind: "start_review" });
      const refused = await command(id, "case_worker", {
        kind: "decide",
        decision: "refuse",
        reason: "The conduct is protected journalism in the requested state.",
        grounds: ["good-faith"],
      });
      expect(refused.json().stage).toBe("refused");
      const overrides = await f.app.inject({ url: "/v1/overrides", headers: f.as("auditor") });
      expect(overrides.json().overrides).toMatchObject([
        {
          case_id: id,
          decision: "refuse",
          assessor_verdict: "execute",
          reason: expect.stringMatching(/journalism/),
        },
      ]);
      expect((await f.app.inject({ url: "/v1/overrides", headers: f.as("case_worker") })).statusCode).toBe(
        403,
      );
    });

    it("need-to-know: a case assigned to another worker leaves this worker's queue and cannot be read", async () => {
      const mine = await f.seedCase();
      const theirs = await f.seedCase();
      const other = await f.users.create({
        name: "Other",
        email: "other@example.org",
        role: "case_worker",
        password: PASSWORD,
      });
      const assign = await f.app.inject({
        method: "PUT",
        url: `/v1/users/${other.user_id}/cases/${theirs}`,
        headers: f.as("admin"),
      });
      expect(assign.json()).toEqual({ case_id: theirs, assignees: [other.user_id] });
      await f.app.inject({
        method: "PUT",
        url: `/v1/users/${f.staff.case_worker.userId}/cases/${mine}`,
        headers: f.as("admin"),
      });
      const queue = (await f.app.inject({ url: "/v1/cases", headers: f.as("case_worker") })).json().cases;
      expect(queue.map((c: { case_id: string }) => c.case_id)).toEqual([mine]);
      expect(
        (await f.app.inject({ url: `/v1/cases/${theirs}`, headers: f.as("case_worker") })).statusCode,
      ).toBe(403);
      expect((await command(theirs, "case_worker", { kind: "start_review" })).statusCode).toBe(403);
      expect((await f.app.inject({ url: `/v1/cases/${theirs}`, headers: f.as("auditor") })).statusCode).toBe(
        200,
      );
      expect((await f.app.inject({ url: `/v1/cases/${theirs}`, headers: f.as("admin") })).statusCode).toBe(
        403,
      );
      const withdrawn = await f.app.inject({
        method: "DELETE",
        url: `/v1/users/${other.user_id}/cases/${theirs}`,
        headers: f.as("admin"),
      });
      expect(withdrawn.json().assignees).toEqual([]);
      expect(
        (await f.app.inject({ url: `/v1/cases/${theirs}`, headers: f.as("case_worker") })).statusCode,
      ).toBe(200);
    });

    it("admins create users (argon2id, never returned) and refuse a taken email", async () => {
      const body = {
        name: "New Judge",
        email: "Judge@Example.org",
        role: "authoriser",
        password: "a long enough password",
      };
      const created = await f.app.inject({
        method: "POST",
        url: "/v1/users",
        headers: f.as("admin"),
        payload: body,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        email: "judge@example.org",
        role: "authoriser",
        disabled: false,
      });
      expect(created.body).not.toMatch(/argon2/);
      const taken = await f.app.inject({
        method: "POST",
        url: "/v1/users",
        headers: f.as("admin"),
        payload: body,
      });
      expect([taken.statusCode, taken.json().error.code]).toEqual([409, "CONFLICT"]);
      const short = await f.app.inject({
        method: "POST",
        url: "/v1/users",
        headers: f.as("admin"),
        payload: { ...body, email: "x@example.org", password: "short" },
      });
      expect(short.json().error.issues[0].path).toBe("password");
      const list = await f.app.inject({ url: "/v1/users", headers: f.as("admin") });
      expect(list.json().users).toHaveLength(5);
      expect(list.body).not.toMatch(/argon2/);
    });
  });
}
