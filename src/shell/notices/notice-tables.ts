/**
 * Row type of `notice_deliveries` (migration 0006-notice-deliveries), added to the store's `DB` with
 * Kysely's `withTables`. Times are epoch ms.
 */
import type { Kysely } from "kysely";
import type { DB } from "../store/schema.ts";

export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface NoticeDeliveriesTable {
  notice_id: string;
  case_id: string;
  channel: "email";
  /** The person's e-mail address, encrypted at rest (personal data: listed to case workers only). */
  recipient: string;
  /** The rendered NoticeEmail, JSON, encrypted at rest. */
  message_json: string;
  /** pending: not tried yet; sent: accepted by the SMTP server; failed: the last attempt failed. */
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  /** When to try next; null once sent, or once the attempts are used up (a case worker may retry). */
  next_attempt_at: number | null;
  created_at: number;
  sent_at: number | null;
  message_id: string | null;
}

// A type alias, not an interface: `withTables` needs an index-signature-compatible record.
export type NoticeTables = { notice_deliveries: NoticeDeliveriesTable };
export type NoticeDB = DB & NoticeTables;

export function withNoticeTables(db: Kysely<DB>): Kysely<NoticeDB> {
  return db.withTables<NoticeTables>();
}
