import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CaseWorkflowFixture, openCaseWorkflow } from "../../../test/support/case-workflow-app.ts";
import { testDialects } from "../../../test/support/databases.ts";
import type { CaseCommand } from "../../core/case/case-commands.ts";
import type { Actor } from "../../core/case/case-events.ts";
import { verifierFromVkey } from "../../core/log/note.ts";
import { formatNoticeCode, parseNoticeCode } from "../../core/notices/notice-code.ts";
import { loadShippedLaw } from "../kb/load-shipped-law.ts";
import { SecrecyScheduler } from "../scheduler/secrecy-scheduler.ts";
import { caseStoreNoticeSource } from "./case-store-notice-source.ts";
import { readerNoticeLogSource } from "./notice-log-source.ts";
import { NoticeLoop } from "./notice-loop.ts";
import { verifyNotice } from "./verify-notice.ts";

for (const dialect of testDialects) {
  describe(`secrecy ends in notice (${dialect.name})`, () => {
    let f: CaseWorkflowFixture;
    let loop: NoticeLoop;
    beforeEach(async () => {
      f = await openCaseWorkflow(dialect);
      const source = caseStoreNoticeSource({
        db: f.database.db,
        cases: f.cases,
        dataKey: f.dataKey,
        law: loadShippedLaw(),
      });
      loop = new NoticeLoop({
        scheduler: new SecrecyScheduler({ cases: f.cases, now: f.clock.now }),
        cases: f.cases,
        source,
        settings: {
          sender: "Test central authority",
          log: { url: "http://127.0.0.1/log", origin: f.log.origin, vkey: f.log.vkey },
        },
        now: f.clock.now,
      });
    });
    afterEach(async () => {
      await loop.stop();
      await f.cleanup();
    });

    const worker = (): Actor => ({ kind: "user", user_id: f.staff.case_worker.userId, role: "case_worker" });
    async function sealed(until: string): Promise<string> {
      const id = await f.seedCase({
        profile: "rights-first",
        change: (r) => {
          r.confidentiality = {
            requested: true,
            months: 3,
            justification: "Telling the suspect would alert them.",
          };
        },
      });
      const steps: CaseCommand[] = [
        { kind: "start_review" },
        { kind: "decide", decision: "approve", reason: "", grounds: [] },
        { kind: "record_execution", package_sha256: "c".repeat(64) },
        { kind: "record_delivery", channel: "secure portal" },
        { kind: "seal", until, reason: "The investigation is ongoing and covert." },
      ];
      for (const command of steps) await f.cases.execute(id, command, worker(), f.clock.now().toISOString());
      return id;
    }

    it("an abandoned case is notified at once, on paper where no address is known, and its notice code proves the request against the log", async () => {
      const id = await sealed("2027-01-02");
      await f.cases.execute(
        id,
        { kind: "end_proceedings", outcome: "abandoned" },
        worker(),
        f.clock.now().toISOString(),
      );
      expect(await loop.tick()).toEqual({ ended: 1, issued: 1 });
      const stored = await f.cases.load(id);
      expect(stored.state.stage).toBe("notified");
      expect(stored.events.at(-1)).toMatchObject({ type: "notified", payload: { channel: "none_known" } });

      const source = caseStoreNoticeSource({
        db: f.database.db,
        cases: f.cases,
        dataKey: f.dataKey,
        law: loadShippedLaw(),
      });
      const noticeCase = await source.noticeCase(id);
      const code = parseNoticeCode(
        formatNoticeCode({ eventId: noticeCase!.receivedEventId, salt: noticeCase!.salt }),
      );
      const options = {
        code,
        source: readerNoticeLogSource(f.log.reader, f.log.vkey),
        verifier: verifierFromVkey(f.log.vkey),
        caseEventIds: noticeCase!.laterEventIds,
      };
      expect(
        (await verifyNotice({ ...options, request: JSON.parse(noticeCase!.requestJson) })).verified,
      ).toBe(true);
      const changed = JSON.parse(noticeCase!.requestJson);
      changed.case.facts += " ";
      expect((await verifyNotice({ ...options, request: changed })).verified).toBe(false);
    });

    it("a case sealed for three months is notified the day its secrecy ends, not before", async () => {
      const id = await sealed("2027-01-02");
      f.clock.set("2027-01-01T12:00:00.000Z");
      expect((await loop.tick()).ended).toBe(0);
      f.clock.set("2027-01-02T00:01:00.000Z");
      expect(await loop.tick()).toEqual({ ended: 1, issued: 1 });
      expect((await f.cases.load(id)).state.stage).toBe("notified");
    });
  });
}
