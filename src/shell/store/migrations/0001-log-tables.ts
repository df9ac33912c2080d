/** The transparency log: entries (level-0 hashes), upper tile levels, checkpoints, witness sizes. */
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Dialect } from "../database.ts";
import { bytesType } from "./column-types.ts";

export function logTablesMigration(dialect: Dialect): Migration {
  const bytes = bytesType(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("log_entries")
        .addColumn("idx", "bigint", (c) => c.primaryKey())
        .addColumn("leaf_hash", bytes, (c) => c.notNull())
        .addColumn("data", bytes, (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.unique())
        .execute();
      await db.schema
        .createTable("log_tile_hashes")
        .addColumn("level", "integer", (c) => c.notNull())
        .addColumn("idx", "bigint", (c) => c.notNull())
        .addColumn("hash", bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint("log_tile_hashes_pk", ["level", "idx"])
        .execute();
      await db.schema
        .createTable("log_checkpoints")
        .addColumn("size", "bigint", (c) => c.primaryKey())
        .addColumn("root_hash", bytes, (c) => c.notNull())
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("cosigned_note", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("log_witness_sizes")
        .addColumn("witness", "text", (c) => c.primaryKey())
        .addColumn("size", "bigint", (c) => c.notNull())
        .execute();
    },
  };
}
