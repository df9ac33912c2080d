/** A witness's state (c2sp.org/tlog-witness): the latest cosigned checkpoint per log origin. */
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Dialect } from "../database.ts";
import { bytesType } from "./column-types.ts";

export function witnessTablesMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("witness_checkpoints")
        .addColumn("origin", "text", (c) => c.primaryKey())
        .addColumn("size", "bigint", (c) => c.notNull())
        .addColumn("root_hash", bytesType(dialect), (c) => c.notNull())
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
  };
}
