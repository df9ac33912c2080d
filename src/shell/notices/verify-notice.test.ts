import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedCaseLog, serveCaseLog } from "../../../test/notices/served-log.ts";
import { testDialects } from "../../../test/support/databases.ts";
import { canonicalize } from "../../core/intake/canonical-json.ts";
import { generateEd25519Keys, verifierFromVkey } from "../../core/log/note.ts";
import { decodeEntryBundle, encodeEntryBundle } from "../../core/log/tiles.ts";
import { formatNoticeCode, parseNoticeCode } from "../../core/notices/notice-code.ts";
import { httpNoticeLogSource } from "./external/http-notice-log-source.ts";
import type { NoticeLogSource } from "./notice-log-source.ts";
import { type NoticeVerification, verifyNotice } from "./verify-notice.ts";

for (const dialect of testDialects) {
  describe(`verifying a notice against a served log on ${dialect.name}`, () => {
    let served: ServedCaseLog;
    beforeAll(async () => {
      served = await serveCaseLog(dialect);
    });
    afterAll(async () => {
      await served.cleanup();
    });

    function verify(
      code: string,
      request: unknown = served.request,
      source: NoticeLogSource = httpNoticeLogSource(served.url),
      vkey: string | null = served.vkey,
    ): Promise<NoticeVerification> {
      return verifyNotice({
        code: parseNoticeCode(code),
        request,
        source,
        verifier: vkey === null ? undefined : verifierFromVkey(vkey),
      });
    }

    function failureOf(result: NoticeVerification): string {
      return result.verified ? "verified" : result.failure;
    }

    it("proves when the request was received, and that every later record carries its commitment", async () => {
      const result = await verify(served.publicCode);
      expect(result.verified).toBe(true);
      if (!result.verified) return;
      expect(result.received_on).toBe("2026-10-02");
      expect(result.index).toBe(250);
      expect(result.key_source).toBe("given");
      expect(result.later_records.map((r) => r.event_type)).toEqual(["assessed", "executed"]);
      expect(result.scan.complete).toBe(true);
    });

    it("fails when one byte of the request was changed", async () => {
      const text = canonicalize(served.request).replace("Paris", "Parus");
      expect(failureOf(await verify(served.publicCode, JSON.parse(text)))).toBe("COMMITMENT_MISMATCH");
    });

    it("fails when one byte of the salt was changed", async () => {
      const salt = new Uint8Array(served.salt);
      salt[0] = salt[0]! ^ 1;
      const code = formatNoticeCode({ eventId: "pr-received-0001", salt });
      expect(failureOf(await verify(code))).toBe("COMMITMENT_MISMATCH");
    });

    it("fails for another case's event id, an unknown one, or a record that is not a receipt", async () => {
      const other = formatNoticeCode({ eventId: served.otherEventId, salt: served.salt });
      expect(failureOf(await verify(other))).toBe("COMMITMENT_MISMATCH");
      const unknown = formatNoticeCode({ eventId: "pr-received-9999", salt: served.salt });
      expect(failureOf(await verify(unknown))).toBe("EVENT_NOT_FOUND");
      const assessed = formatNoticeCode({ eventId: "pr-assessed-0001", salt: served.salt });
      expect(failureOf(await verify(assessed))).toBe("NOT_A_RECEIPT");
    });

    it("checks the case's records the notice lists, and fails when one carries another commitment", async () => {
      const listed = await verifyNotice({
        code: parseNoticeCode(served.publicCode),
        request: served.request,
        source: httpNoticeLogSource(served.url),
        verifier: verifierFromVkey(served.vkey),
        caseEventIds: ["pr-assessed-0001", "pr-executed-0001"],
      });
      expect(failureOf(listed)).toBe("verified");
      const tampered = await verifyNotice({
        code: parseNoticeCode(served.tamperedCode),
        request: served.request,
        source: httpNoticeLogSource(served.url),
        verifier: verifierFromVkey(served.vkey),
        caseEventIds: ["pr-assessed-0008"],
      });
      expect(failureOf(tampered)).toBe("LATER_RECORD_MISMATCH");
      const missing = await verifyNotice({
        code: parseNoticeCode(served.publicCode),
        request: served.request,
        source: httpNoticeLogSource(served.url),
        verifier: verifierFromVkey(served.vkey),
        caseEventIds: ["pr-disclosed-0001"],
      });
      expect(failureOf(missing)).toBe("LATER_RECORD_MISMATCH");
    });

    it("fails with another log's key, and with a served entry changed in transit", async () => {
      const stranger = generateEd25519Keys("test.example/log").vkey;
      expect(failureOf(await verify(served.publicCode, served.request, undefined, stranger))).toBe(
        "CHECKPOINT_INVALID",
      );
      const honest = httpNoticeLogSource(served.url);
      const lying: NoticeLogSource = {
        ...honest,
        async entryBundle(index, width) {
          const entries = decodeEntryBundle(await honest.entryBundle(index, width));
          const received = new Uint8Array(entries[250]!);
          received[received.length - 3] = received[received.length - 3]! ^ 1;
          entries[250] = received;
          return encodeEntryBundle(entries);
        },
      };
      expect(failureOf(await verify(served.publicCode, served.request, lying))).toBe("INCLUSION_INVALID");
    });

    it("says the log is unavailable when nothing answers", async () => {
      const result = await verify(
        served.publicCode,
        served.request,
        httpNoticeLogSource("http://127.0.0.1:1/log"),
      );
      expect(failureOf(result)).toBe("LOG_UNAVAILABLE");
    });

    it("uses the key the log publishes only when none is given, and says so", async () => {
      const source: NoticeLogSource = {
        ...httpNoticeLogSource(served.url),
        publishedVkey: async () => served.vkey,
      };
      const result = await verify(served.publicCode, served.request, source, null);
      expect(result.verified && result.key_source).toBe("published");
      const none = await verify(served.publicCode, served.request, httpNoticeLogSource(served.url), null);
      expect(failureOf(none)).toBe("CHECKPOINT_INVALID");
    });
  });
}
