import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CaseWorkflowFixture, openCaseWorkflow } from "../../../test/support/case-workflow-app.ts";
import { testDialects } from "../../../test/support/databases.ts";
import type { CaseCommand } from "../../core/case/case-commands.ts";
import type { Actor } from "../../core/case/case-events.ts";
import { decodePublicRecord, type PublicRecord } from "../../core/records/public-record.ts";
import { SecrecyScheduler } from "./secrecy-scheduler.ts";

const CONFIDENTIAL = {
  requested: true,
  months: 6,
  justification: "Telling the suspect would let them destroy the evidence.",
};

for (const dialect of testDialects) {
  describe(`secrecy scheduler (${dialect.name})`, () => {
    let f: CaseWorkflowFixture;
    let scheduler: SecrecyScheduler;
    beforeEach(async () => {
      f = await openCaseWorkflow(dialect);
      scheduler = new SecrecyScheduler({ cases: f.cases, now: f.clock.now });
    });
    afterEach(async () => {
      await scheduler.stop();
      await f.cleanup();
    });

    const worker = (): Actor => ({ kind: "user", user_id: f.staff.case_worker.userId, role: "case_worker" });
    const judge = (): Actor => ({ kind: "user", user_id: f.staff.authoriser.userId, role: "authoriser" });
    const run = async (id: string, steps: Array<[CaseCommand, Actor]>) => {
      for (const [command, actor] of steps)
        await f.cases.execute(id, command, actor, f.clock.now().toISOString());
    };

    /** A confidential rights-first case (at most 12 months of secrecy), delivered and sealed until `until`. */
    async function sealedCase(until: string): Promise<string> {
      const id = await f.seedCase({
        profile: "rights-first",
        change: (r) => (r.confidentiality = CONFIDENTIAL),
      });
      await run(id, [
        [{ kind: "start_review" }, worker()],
        [{ kind: "decide", decision: "approve", reason: "", grounds: [] }, worker()],
        [{ kind: "record_execution", package_sha256: "c".repeat(64) }, worker()],
        [{ kind: "record_delivery", channel: "secure portal" }, worker()],
        [{ kind: "seal", until, reason: "The investigation is ongoing and covert." }, worker()],
      ]);
      return id;
    }

    async function records(id: string): Promise<PublicRecord[]> {
      const entries = await f.cases.logEntries(id);
      const all = await f.log.store.readEntries(0, f.log.sequencer.size);
      return entries.map((e) => decodePublicRecord(all[e.log_index ?? -1]!));
    }

    it("ends secrecy on its end date, not before, and publishes the case's details in a disclosed record", async () => {
      const id = await sealedCase("2027-01-15");
      f.clock.set("2027-01-14T23:59:00.000Z");
      expect((await scheduler.tick()).ended).toEqual([]);
      f.clock.set("2027-01-15T00:01:00.000Z");
      expect((await scheduler.tick()).ended).toEqual([{ caseId: id, cause: "end_date" }]);
      const stored = await f.cases.load(id);
      expect(stored.state.stage).toBe("notification_due");
      expect(stored.events.at(-1)).toMatchObject({
        type: "secrecy_ended",
        actor: { kind: "system", component: "scheduler" },
        payload: { cause: "end_date" },
      });
      const published = await records(id);
      expect(published.slice(0, -1).every((r) => r.visibility === "sealed")).toBe(true);
      const disclosed = published.at(-1)!;
      expect(disclosed).toMatchObject({
        event_type: "disclosed",
        visibility: "public",
        date: "2027-01-15",
        details: { requesting_state: "FR", measures: ["subscriber_info"], verdict: "execute" },
      });
      expect(new Set(published.map((r) => r.commitment)).size).toBe(1);
      expect((await scheduler.tick()).ended).toEqual([]);
    });

    it("ends secrecy when the proceedings end, whatever the end date", async () => {
      const id = await sealedCase("2027-06-01");
      await run(id, [[{ kind: "end_proceedings", outcome: "abandoned" }, worker()]]);
      expect((await scheduler.tick()).ended).toEqual([{ caseId: id, cause: "abandoned" }]);
    });

    it("an extension needs an authoriser and a reason, is logged sealed, and cannot outlast the profile's maximum", async () => {
      const id = await sealedCase("2027-01-15");
      await expect(
        run(id, [
          [
            { kind: "extend_secrecy", until: "2028-06-01", reason: "Co-suspects not yet identified." },
            worker(),
          ],
        ]),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await run(id, [
        [{ kind: "extend_secrecy", until: "2028-06-01", reason: "Co-suspects not yet identified." }, judge()],
      ]);
      const extended = (await records(id)).at(-1)!;
      expect(extended).toMatchObject({ event_type: "sealed", visibility: "sealed" });
      f.clock.set("2027-06-01T12:00:00.000Z");
      expect((await scheduler.tick()).ended).toEqual([]);
      // rights-first allows 12 months from sealing (2026-10-02).
      f.clock.set("2027-10-02T00:05:00.000Z");
      expect((await scheduler.tick()).ended).toEqual([{ caseId: id, cause: "maximum_reached" }]);
    });

    it("runs on its own timer and leaves other stages alone", async () => {
      const open = await f.seedCase();
      const sealed = await sealedCase("2026-12-01");
      f.clock.set("2026-12-02T00:00:00.000Z");
      const timed = new SecrecyScheduler({ cases: f.cases, now: f.clock.now, intervalMs: 5 });
      timed.start();
      for (let i = 0; i < 200 && (await f.cases.load(sealed)).state.stage === "sealed"; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      await timed.stop();
      expect((await f.cases.load(sealed)).state.stage).toBe("notification_due");
      expect((await f.cases.load(open)).state.stage).toBe("assessed");
    });
  });
}
