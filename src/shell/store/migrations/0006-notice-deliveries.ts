/**
 * Notices to the persons concerned, queued for delivery (src/shell/notices/notice-deliveries.ts): the
 * rendered message, the recipient, and the delivery's state: attempts, last error, next attempt (epoch
 * ms; null once sent or given up). Row types: src/shell/notices/notice-tables.ts.
 */
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Dialect } from "../database.ts";

export function noticeDeliveriesMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("notice_deliveries")
        .addColumn("notice_id", "text", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("recipient", "text", (c) => c.notNull())
        .addColumn("message_json", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("last_error", "text")
        .addColumn("next_attempt_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("sent_at", "bigint")
        .addColumn("message_id", "text")
        .execute();
      await db.schema
        .createIndex("notice_deliveries_due")
        .on("notice_deliveries")
        .columns(["next_attempt_at"])
        .execute();
      await db.schema
        .createIndex("notice_deliveries_case")
        .on("notice_deliveries")
        .columns(["case_id", "created_at"])
        .execute();
    },
  };
}
