import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CaseWorkflowFixture, openCaseWorkflow } from "../../../test/support/case-workflow-app.ts";
import { testDialects } from "../../../test/support/databases.ts";
import type { Actor, CaseEvent } from "../../core/case/case-events.ts";
import { encryptLegacyCaseRows, isEncrypted } from "../crypto/personal-data.ts";
import { withCaseTables } from "./case-tables.ts";

for (const dialect of testDialects) {
  describe(`case event store (${dialect.name})`, () => {
    let f: CaseWorkflowFixture;
    beforeEach(async () => {
      f = await openCaseWorkflow(dialect);
    });
    afterEach(async () => {
      await f.cleanup();
    });

    const worker = (): Actor => ({ kind: "user", user_id: f.staff.case_worker.userId, role: "case_worker" });
    const reviewStarted = (): CaseEvent => ({
      type: "review_started",
      at: f.clock.now().toISOString(),
      actor: worker(),
      payload: {},
    });

    it("refuses an append decided against a stale version (optimistic concurrency), one writer wins", async () => {
      const id = await f.seedCase();
      const results = await Promise.allSettled([
        f.cases.append(id, 2, [reviewStarted()]),
        f.cases.append(id, 2, [reviewStarted()]),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
      expect((await f.cases.load(id)).events).toHaveLength(3);
      await expect(f.cases.append(id, 2, [reviewStarted()])).rejects.toMatchObject({ code: "CONFLICT" });
    });

    it("refuses commands on a case that does not exist", async () => {
      await expect(
        f.cases.execute("case-none", { kind: "start_review" }, worker(), f.clock.now().toISOString()),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("opening the same case twice (a retried intake) gives the same log indexes", async () => {
      const id = await f.seedCase();
      const stored = await f.cases.load(id);
      const entries = await f.cases.logEntries(id);
      const request = (await f.cases.readPersonalData(id)).request;
      const again = await f.cases.open(id, stored.events, {
        request: request as never,
        // Ignored on a retry: the records stored at first opening are the ones re-published.
        commitment: "0".repeat(64),
        profile: stored.queue.profile,
      });
      expect(again.logIndexes).toEqual(entries.map((e) => e.log_index));
    });

    it("re-publishes a record whose log append was lost", async () => {
      const id = await f.seedCase();
      const db = withCaseTables(f.database.db);
      const [first] = await f.cases.logEntries(id);
      // Simulate a crash between commit and log append: the case event exists, the log entry does not.
      await db
        .updateTable("case_events")
        .set({ event_id: "lost-event-0001" })
        .where("event_id", "=", first!.event_id)
        .execute();
      const record = await db
        .selectFrom("case_events")
        .select("public_record")
        .where("event_id", "=", "lost-event-0001")
        .executeTakeFirstOrThrow();
      await db
        .updateTable("case_events")
        .set({ public_record: record.public_record.replace(first!.event_id, "lost-event-0001") })
        .where("event_id", "=", "lost-event-0001")
        .execute();
      expect(await f.cases.publishPending()).toBe(1);
      expect(await f.cases.publishPending()).toBe(0);
      expect((await f.cases.logEntries(id))[0]?.log_index).toBeTypeOf("number");
    });

    it("stores event payloads encrypted, bound to their case and position", async () => {
      const id = await f.seedCase();
      const db = withCaseTables(f.database.db);
      const rows = await db
        .selectFrom("case_events")
        .select(["seq", "payload_enc"])
        .where("case_id", "=", id)
        .orderBy("seq")
        .execute();
      expect(rows.every((r) => r.payload_enc.startsWith("lsenc1:"))).toBe(true);
      // Swapping two ciphertexts is detected, not silently decrypted.
      await db
        .updateTable("case_events")
        .set({ payload_enc: rows[0]!.payload_enc })
        .where("case_id", "=", id)
        .where("seq", "=", 2)
        .execute();
      await expect(f.cases.load(id)).rejects.toMatchObject({ code: "INTERNAL" });
    });

    it("encrypts the intake's legacy plaintext rows in place, once, and reads both forms", async () => {
      const id = await f.seedCase();
      const db = withCaseTables(f.database.db);
      const plain = JSON.stringify({ legacy: "Ana Silva" });
      await db
        .updateTable("cases")
        .set({ request_json: plain, assessment_json: "{}" })
        .where("case_id", "=", id)
        .execute();
      expect((await f.cases.readPersonalData(id)).request).toEqual({ legacy: "Ana Silva" });
      expect(await encryptLegacyCaseRows(db, f.dataKey)).toBe(1);
      expect(await encryptLegacyCaseRows(db, f.dataKey)).toBe(0);
      const row = await db
        .selectFrom("cases")
        .selectAll()
        .where("case_id", "=", id)
        .executeTakeFirstOrThrow();
      expect(isEncrypted(row.request_json) && isEncrypted(row.assessment_json)).toBe(true);
      expect((await f.cases.readPersonalData(id)).request).toEqual({ legacy: "Ana Silva" });
    });
  });
}
