/**
 * The case service's first tables: the authority key directory (with rotation and revocation), the
 * received cases, and the intake journal that records every submission, accepted or not.
 * Row types: src/shell/intake/intake-tables.ts.
 */
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Dialect } from "../database.ts";

export function intakeTablesMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("authorities")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("authority_keys")
        .addColumn("authority_id", "text", (c) => c.notNull().references("authorities.id"))
        .addColumn("public_key", "text", (c) => c.notNull())
        .addColumn("added_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .addPrimaryKeyConstraint("authority_keys_pk", ["authority_id", "public_key"])
        .execute();
      await db.schema
        .createTable("cases")
        .addColumn("case_id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authorities.id"))
        .addColumn("request_id", "text", (c) => c.notNull())
        .addColumn("request_sha256", "text", (c) => c.notNull())
        .addColumn("request_json", "text", (c) => c.notNull())
        .addColumn("signature", "text", (c) => c.notNull())
        .addColumn("commitment_salt", "text", (c) => c.notNull())
        .addColumn("profile", "text", (c) => c.notNull())
        .addColumn("verdict", "text", (c) => c.notNull())
        .addColumn("assessment_json", "text", (c) => c.notNull())
        .addColumn("received_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("cases_request_unique", ["authority_id", "request_id"])
        .execute();
      await db.schema
        .createTable("intake_journal")
        .addColumn("seq", dialect === "sqlite" ? "integer" : "bigserial", (c) =>
          dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn("received_at", "bigint", (c) => c.notNull())
        .addColumn("authority_id", "text")
        .addColumn("request_id", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("status", "integer", (c) => c.notNull())
        .addColumn("body_sha256", "text", (c) => c.notNull())
        .addColumn("body_size", "integer", (c) => c.notNull())
        .addColumn("case_id", "text")
        .execute();
      await db.schema
        .createIndex("intake_journal_authority")
        .on("intake_journal")
        .columns(["authority_id", "seq"])
        .execute();
    },
  };
}
