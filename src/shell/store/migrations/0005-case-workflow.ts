/**
 * The case workflow's tables: case events (append-only, one row per event, optimistic concurrency by the
 * (case_id, seq) primary key), the queue (a read model of each case's current state, rewritten in the same
 * transaction as every append), staff users and their sessions, case assignments (need-to-know) and the
 * access log of every read of personal data. Row types: src/shell/cases/case-tables.ts.
 */
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Dialect } from "../database.ts";

export function caseWorkflowMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("case_events")
        .addColumn("case_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull().unique())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_json", "text", (c) => c.notNull())
        .addColumn("payload_enc", "text", (c) => c.notNull())
        .addColumn("public_record", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("case_events_pk", ["case_id", "seq"])
        .execute();
      await db.schema.createIndex("case_events_type").on("case_events").columns(["type", "at"]).execute();
      await db.schema
        .createTable("case_queue")
        .addColumn("case_id", "text", (c) => c.primaryKey())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("stage", "text", (c) => c.notNull())
        .addColumn("verdict", "text")
        .addColumn("requesting_state", "text", (c) => c.notNull())
        .addColumn("profile", "text", (c) => c.notNull())
        .addColumn("emergency", "integer", (c) => c.notNull())
        .addColumn("deadline", "text")
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("confidential", "integer", (c) => c.notNull())
        .addColumn("commitment", "text", (c) => c.notNull())
        .addColumn("details_json", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("case_queue_stage")
        .on("case_queue")
        .columns(["stage", "deadline"])
        .execute();
      await db.schema
        .createTable("users")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("disabled_at", "bigint")
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("token_sha256", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .execute();
      await db.schema
        .createTable("case_assignments")
        .addColumn("case_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id"))
        .addColumn("assigned_by", "text", (c) => c.notNull())
        .addColumn("assigned_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("case_assignments_pk", ["case_id", "user_id"])
        .execute();
      await db.schema
        .createIndex("case_assignments_user")
        .on("case_assignments")
        .columns(["user_id"])
        .execute();
      await db.schema
        .createTable("access_log")
        .addColumn("seq", dialect === "sqlite" ? "integer" : "bigserial", (c) =>
          dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("case_id", "text", (c) => c.notNull())
        .addColumn("fields", "text", (c) => c.notNull())
        .addColumn("purpose", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("access_log_case").on("access_log").columns(["case_id", "seq"]).execute();
    },
  };
}
