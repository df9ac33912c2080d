/**
 * Delivery of notices to the persons concerned, by e-mail, with retries (issue 7). A notice is queued
 * once (`enqueueNotice`), rendered then; `sendDueNotices(now)` — called by the scheduler — sends every
 * delivery whose next attempt is due. A failure records the error and schedules the next attempt with
 * exponential backoff (1 min, 2, 4, … capped at 24 h) until the attempts are used up; case workers
 * see every delivery and its last error (`listDeliveries`) and can send one again (`retryDelivery`).
 *
 * Time is an argument (STYLE habit 1), so tests drive the clock. Several processes may call
 * sendDueNotices: a delivery is claimed by moving its next attempt forward with a conditional update
 * before it is sent, so two senders do not send it twice.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { AppError } from "../../core/app-error.ts";
import type { Notice } from "../../core/notices/compose-notice.ts";
import { renderNoticeHtml, renderNoticeText } from "../../core/notices/render-notice.ts";
import { type DataKey, decryptPersonalData, encryptPersonalData } from "../crypto/personal-data.ts";
import type { DB } from "../store/schema.ts";
import {
  type DeliveryStatus,
  type NoticeDB,
  type NoticeDeliveriesTable,
  withNoticeTables,
} from "./notice-tables.ts";
import type { NoticeEmail, NoticeMailer } from "./smtp-mailer.ts";

export interface RetryPolicy {
  /** Delay after the first failure (ms); doubled after each further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts before a delivery waits for a case worker. */
  readonly maxAttempts: number;
  /** How long a claimed delivery is reserved for its sender (ms). */
  readonly claimMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 60_000,
  maxDelayMs: 24 * 60 * 60_000,
  maxAttempts: 10,
  claimMs: 5 * 60_000,
};

/** The delay before attempt `attempts + 1`, after `attempts` failures (≥ 1). */
export function backoffDelay(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

export interface Delivery {
  readonly notice_id: string;
  readonly case_id: string;
  readonly channel: "email";
  readonly recipient: string;
  readonly subject: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly next_attempt_at: string | null;
  /** True when the attempts are used up: a case worker must act (check the address, retry). */
  readonly needs_attention: boolean;
  readonly created_at: string;
  readonly sent_at: string | null;
}

export interface NoticeDeliveriesOptions {
  readonly db: Kysely<DB>;
  /** Encrypts the recipient and the message at rest (src/shell/crypto/personal-data.ts). */
  readonly dataKey: DataKey;
  readonly mailer: NoticeMailer;
  readonly policy?: RetryPolicy;
  readonly newNoticeId?: () => string;
  /** Called once a notice was accepted by the SMTP server, e.g. to record the case's `notified` event. */
  readonly onSent?: (delivery: {
    noticeId: string;
    caseId: string;
    channel: "email";
    sentAt: number;
  }) => Promise<void>;
}

export interface EnqueueNotice {
  readonly caseId: string;
  readonly recipient: string;
  readonly notice: Notice;
  /** The request as the person should receive it (attached as request.json, for `notice verify`). */
  readonly requestJson: string;
}

const MAX_ERROR_LENGTH = 500;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

export class NoticeDeliveries {
  readonly #db: Kysely<NoticeDB>;
  readonly #key: DataKey;
  readonly #mailer: NoticeMailer;
  readonly #policy: RetryPolicy;
  readonly #newNoticeId: () => string;
  readonly #onSent: NoticeDeliveriesOptions["onSent"];

  constructor(options: NoticeDeliveriesOptions) {
    this.#db = withNoticeTables(options.db);
    this.#key = options.dataKey;
    this.#mailer = options.mailer;
    this.#policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.#newNoticeId = options.newNoticeId ?? (() => `ntc-${randomBytes(12).toString("base64url")}`);
    this.#onSent = options.onSent;
  }

  /** Queues a notice for e-mail delivery, due at once; returns its notice id. */
  async enqueueNotice(input: EnqueueNotice, now: number): Promise<string> {
    if (!EMAIL.test(input.recipient))
      throw new AppError("INVALID_INPUT", "the recipient is not an e-mail address", {
        issues: [{ path: "recipient", message: "expected an e-mail address" }],
      });
    const email: NoticeEmail = {
      to: input.recipient,
      subject: input.notice.subject,
      text: renderNoticeText(input.notice),
      html: renderNoticeHtml(input.notice),
      attachments: [
        { filename: "request.json", content: input.requestJson, contentType: "application/json" },
      ],
    };
    const noticeId = this.#newNoticeId();
    await this.#db
      .insertInto("notice_deliveries")
      .values({
        notice_id: noticeId,
        case_id: input.caseId,
        channel: "email",
        recipient: encryptPersonalData(this.#key, input.recipient, context(noticeId, "recipient")),
        message_json: encryptPersonalData(
          this.#key,
          JSON.stringify(email),
          context(noticeId, "message_json"),
        ),
        status: "pending",
        attempts: 0,
        last_error: null,
        next_attempt_at: now,
        created_at: now,
        sent_at: null,
        message_id: null,
      })
      .execute();
    return noticeId;
  }

  /** Sends every delivery due at `now` (at most `limit`); returns how many were sent and failed. */
  async sendDueNotices(now: number, limit = 100): Promise<{ sent: number; failed: number }> {
    const due = await this.#db
      .selectFrom("notice_deliveries")
      .selectAll()
      .where("next_attempt_at", "<=", now)
      .where("status", "in", ["pending", "failed"])
      .orderBy("next_attempt_at")
      .limit(limit)
      .execute();
    let sent = 0;
    let failed = 0;
    for (const row of due) {
      if (!(await this.#claim(row, now))) continue;
      if (await this.#attempt(row, now)) sent++;
      else failed++;
    }
    return { sent, failed };
  }

  /** Every delivery, newest first, optionally of one case or status: for case workers. */
  async listDeliveries(filter: { caseId?: string; status?: DeliveryStatus } = {}): Promise<Delivery[]> {
    let query = this.#db.selectFrom("notice_deliveries").selectAll();
    if (filter.caseId !== undefined) query = query.where("case_id", "=", filter.caseId);
    if (filter.status !== undefined) query = query.where("status", "=", filter.status);
    const rows = await query.orderBy("created_at", "desc").orderBy("notice_id").execute();
    return rows.map((row) => toDelivery(row, this.#key));
  }

  /** Makes a failed delivery due again at `now` (a case worker's retry); NOT_FOUND / CONFLICT otherwise. */
  async retryDelivery(noticeId: string, now: number): Promise<void> {
    const result = await this.#db
      .updateTable("notice_deliveries")
      .set({ next_attempt_at: now })
      .where("notice_id", "=", noticeId)
      .where("status", "=", "failed")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return;
    const exists = await this.#db
      .selectFrom("notice_deliveries")
      .select("status")
      .where("notice_id", "=", noticeId)
      .executeTakeFirst();
    if (exists === undefined) throw new AppError("NOT_FOUND", `no notice delivery ${noticeId}`);
    throw new AppError(
      "CONFLICT",
      `notice ${noticeId} is ${exists.status}; only a failed delivery is retried`,
    );
  }

  /** Reserves the delivery for this sender: only one conditional update can win. */
  async #claim(row: NoticeDeliveriesTable, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("notice_deliveries")
      .set({ next_attempt_at: now + this.#policy.claimMs })
      .where("notice_id", "=", row.notice_id)
      .where("attempts", "=", row.attempts)
      .where("next_attempt_at", "=", row.next_attempt_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async #attempt(row: NoticeDeliveriesTable, now: number): Promise<boolean> {
    const attempts = row.attempts + 1;
    const email = readEmail(row, this.#key);
    let messageId: string;
    try {
      messageId = (await this.#mailer.send(email)).messageId;
    } catch (error) {
      const retry = attempts < this.#policy.maxAttempts;
      await this.#db
        .updateTable("notice_deliveries")
        .set({
          status: "failed",
          attempts,
          last_error: describeError(error, email.to),
          next_attempt_at: retry ? now + backoffDelay(attempts, this.#policy) : null,
        })
        .where("notice_id", "=", row.notice_id)
        .execute();
      return false;
    }
    await this.#db
      .updateTable("notice_deliveries")
      .set({
        status: "sent",
        attempts,
        last_error: null,
        next_attempt_at: null,
        sent_at: now,
        message_id: messageId,
      })
      .where("notice_id", "=", row.notice_id)
      .execute();
    await this.#onSent?.({ noticeId: row.notice_id, caseId: row.case_id, channel: "email", sentAt: now });
    return true;
  }
}

/** The error for case workers, stored in clear: the recipient's address (SMTP servers echo it) removed. */
function describeError(error: unknown, recipient: string): string {
  const code = (error as { code?: unknown; responseCode?: unknown } | null) ?? {};
  const prefix = [code.code, code.responseCode].filter((v) => v !== undefined).join(" ");
  const message = (error instanceof Error ? error.message : String(error))
    .split(recipient)
    .join("<recipient>");
  return `${prefix === "" ? "" : `${prefix}: `}${message}`.slice(0, MAX_ERROR_LENGTH);
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

/** The authenticated context of an encrypted column: a value cannot be moved to another row unnoticed. */
function context(noticeId: string, column: "recipient" | "message_json"): string {
  return `notice_deliveries/${noticeId}/${column}`;
}

function readEmail(row: NoticeDeliveriesTable, key: DataKey): NoticeEmail {
  return JSON.parse(
    decryptPersonalData(key, row.message_json, context(row.notice_id, "message_json")),
  ) as NoticeEmail;
}

function toDelivery(row: NoticeDeliveriesTable, key: DataKey): Delivery {
  const email = readEmail(row, key);
  return {
    notice_id: row.notice_id,
    case_id: row.case_id,
    channel: row.channel,
    recipient: decryptPersonalData(key, row.recipient, context(row.notice_id, "recipient")),
    subject: email.subject,
    status: row.status,
    attempts: Number(row.attempts),
    last_error: row.last_error,
    next_attempt_at: iso(row.next_attempt_at),
    needs_attention: row.status === "failed" && row.next_attempt_at === null,
    created_at: iso(row.created_at) ?? "",
    sent_at: iso(row.sent_at),
  };
}
