import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../../test/notices/smtp-sink.ts";
import { type TestDatabase, testDialects } from "../../../test/support/databases.ts";
import { composeNotice } from "../../core/notices/compose-notice.ts";
import { fixtureNoticeInput } from "../../core/notices/notice-fixture.ts";
import { parseDataKey } from "../crypto/personal-data.ts";
import { loadMailerConfig } from "./mailer-config.ts";
import { backoffDelay, DEFAULT_RETRY_POLICY, NoticeDeliveries } from "./notice-deliveries.ts";
import { type NoticeMailer, smtpNoticeMailer } from "./smtp-mailer.ts";

const MINUTE = 60_000;
const T0 = Date.parse("2026-11-26T12:00:00Z");
const dataKey = parseDataKey(randomBytes(32).toString("base64"), "test key");

for (const dialect of testDialects) {
  describe(`notice deliveries on ${dialect.name}`, () => {
    let database: TestDatabase;
    let sink: SmtpSink;
    let mailer: NoticeMailer;
    let notified: string[];
    let deliveries: NoticeDeliveries;

    beforeEach(async () => {
      database = await dialect.open();
      sink = await startSmtpSink();
      const config = loadMailerConfig({
        LIGHTSWITCH_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        LIGHTSWITCH_SMTP_FROM: "Example Mail Ltd notices <notices@mail.example>",
      });
      if (config === undefined) throw new Error("no config");
      mailer = smtpNoticeMailer(config, { timeoutMs: 5_000 });
      notified = [];
      let n = 0;
      deliveries = new NoticeDeliveries({
        db: database.db,
        dataKey,
        mailer,
        newNoticeId: () => `ntc-${++n}`,
        onSent: async ({ noticeId, caseId }) => {
          notified.push(`${caseId}:${noticeId}`);
        },
      });
    });
    afterEach(async () => {
      mailer.close();
      await sink.close();
      await database.cleanup();
    });

    const notice = composeNotice(fixtureNoticeInput());
    const enqueue = () =>
      deliveries.enqueueNotice(
        { caseId: "case-1", recipient: "person@home.example", notice, requestJson: '{"id":"fr-0001"}' },
        T0,
      );

    it("delivers a notice over SMTP: the subject, the code in the body, the request attached", async () => {
      const id = await enqueue();
      expect(await deliveries.sendDueNotices(T0)).toEqual({ sent: 1, failed: 0 });
      expect(sink.received).toHaveLength(1);
      const mail = sink.received[0]!;
      expect(mail.to).toEqual(["person@home.example"]);
      expect(mail.from).toBe("notices@mail.example");
      expect(mail.raw).toContain(`Subject: ${notice.subject}`);
      expect(mail.raw).toContain(notice.code);
      expect(mail.raw).toContain("filename=request.json");
      expect(notified).toEqual([`case-1:${id}`]);
      const [delivery] = await deliveries.listDeliveries({ caseId: "case-1" });
      expect(delivery).toMatchObject({ notice_id: id, status: "sent", attempts: 1, last_error: null });
      expect(await deliveries.sendDueNotices(T0 + 60 * MINUTE)).toEqual({ sent: 0, failed: 0 });
    });

    it("keeps the recipient and the message encrypted at rest", async () => {
      await enqueue();
      const row = await database.db
        .selectFrom("notice_deliveries" as never)
        .selectAll()
        .executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      expect(stored).not.toContain("person@home.example");
      expect(stored).not.toContain(notice.code);
      expect((await deliveries.listDeliveries())[0]?.recipient).toBe("person@home.example");
    });

    it("retries a refused notice with exponential backoff, lists it as failed, then sends it", async () => {
      sink.refuse = true;
      const id = await enqueue();
      expect(await deliveries.sendDueNotices(T0)).toEqual({ sent: 0, failed: 1 });
      let [delivery] = await deliveries.listDeliveries();
      expect(delivery).toMatchObject({ status: "failed", attempts: 1, needs_attention: false });
      expect(delivery?.last_error).toContain("451");
      expect(delivery?.last_error).toContain("mailbox of <recipient> temporarily unavailable");
      expect(delivery?.next_attempt_at).toBe(new Date(T0 + MINUTE).toISOString());

      // Not due before the backoff has passed.
      expect(await deliveries.sendDueNotices(T0 + MINUTE - 1)).toEqual({ sent: 0, failed: 0 });
      expect(await deliveries.sendDueNotices(T0 + MINUTE)).toEqual({ sent: 0, failed: 1 });
      [delivery] = await deliveries.listDeliveries({ status: "failed" });
      expect(delivery?.attempts).toBe(2);
      expect(delivery?.next_attempt_at).toBe(new Date(T0 + 3 * MINUTE).toISOString());

      sink.refuse = false;
      expect(await deliveries.sendDueNotices(T0 + 3 * MINUTE)).toEqual({ sent: 1, failed: 0 });
      [delivery] = await deliveries.listDeliveries();
      expect(delivery).toMatchObject({ notice_id: id, status: "sent", attempts: 3, last_error: null });
      expect(sink.received).toHaveLength(1);
    });

    it("stops after the last attempt until a case worker retries", async () => {
      sink.refuse = true;
      const limited = new NoticeDeliveries({
        db: database.db,
        dataKey,
        mailer,
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 },
        newNoticeId: () => "ntc-limited",
      });
      await limited.enqueueNotice(
        { caseId: "case-2", recipient: "person@home.example", notice, requestJson: "{}" },
        T0,
      );
      await limited.sendDueNotices(T0);
      await limited.sendDueNotices(T0 + MINUTE);
      let [delivery] = await limited.listDeliveries();
      expect(delivery).toMatchObject({
        status: "failed",
        attempts: 2,
        next_attempt_at: null,
        needs_attention: true,
      });
      expect(await limited.sendDueNotices(T0 + 1000 * MINUTE)).toEqual({ sent: 0, failed: 0 });

      sink.refuse = false;
      await limited.retryDelivery("ntc-limited", T0 + 1000 * MINUTE);
      expect(await limited.sendDueNotices(T0 + 1000 * MINUTE)).toEqual({ sent: 1, failed: 0 });
      [delivery] = await limited.listDeliveries();
      expect(delivery?.status).toBe("sent");
      await expect(limited.retryDelivery("ntc-limited", T0)).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(limited.retryDelivery("ntc-unknown", T0)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("sends a due notice once even when two senders run at the same time", async () => {
      await enqueue();
      const [a, b] = await Promise.all([deliveries.sendDueNotices(T0), deliveries.sendDueNotices(T0)]);
      expect(a.sent + b.sent).toBe(1);
      expect(sink.received).toHaveLength(1);
    });

    it("refuses a recipient that is not an e-mail address", async () => {
      await expect(
        deliveries.enqueueNotice({ caseId: "c", recipient: "not an address", notice, requestJson: "{}" }, T0),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });
  });
}

describe("retry backoff", () => {
  it("doubles from one minute and is capped at a day", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n) / MINUTE)).toEqual([1, 2, 4, 8]);
    expect(backoffDelay(30)).toBe(24 * 60 * MINUTE);
  });
});

describe("SMTP settings", () => {
  const from = { LIGHTSWITCH_SMTP_FROM: "notices@mail.example" };
  it("reads a URL with credentials, and defaults the port by scheme", () => {
    expect(loadMailerConfig({ LIGHTSWITCH_SMTP_URL: "smtps://u%40x:p%2Fw@mail.example", ...from })).toEqual({
      host: "mail.example",
      port: 465,
      secure: true,
      requireTls: true,
      auth: { user: "u@x", pass: "p/w" },
      from: "notices@mail.example",
    });
    expect(loadMailerConfig({ LIGHTSWITCH_SMTP_HOST: "127.0.0.1", ...from })).toMatchObject({
      port: 587,
      requireTls: false,
    });
    expect(loadMailerConfig({})).toBeUndefined();
  });

  it.each([
    [{ LIGHTSWITCH_SMTP_URL: "http://mail.example", ...from }, "LIGHTSWITCH_SMTP_URL"],
    [{ LIGHTSWITCH_SMTP_URL: "smtp://mail.example" }, "LIGHTSWITCH_SMTP_FROM"],
    [
      { LIGHTSWITCH_SMTP_HOST: "mail.example", LIGHTSWITCH_SMTP_PORT: "99999", ...from },
      "LIGHTSWITCH_SMTP_PORT",
    ],
    [{ LIGHTSWITCH_SMTP_HOST: "mail.example", LIGHTSWITCH_SMTP_USER: "u", ...from }, "LIGHTSWITCH_SMTP_PASS"],
    [
      { LIGHTSWITCH_SMTP_HOST: "mail.example", LIGHTSWITCH_SMTP_SECURE: "maybe", ...from },
      "LIGHTSWITCH_SMTP_SECURE",
    ],
  ])("names the variable that is wrong (%j → %s), without echoing secrets", (env, variable) => {
    try {
      loadMailerConfig(env);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "INVALID_INPUT" });
      expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(variable);
    }
  });
});
