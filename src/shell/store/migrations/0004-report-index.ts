/**
 * The transparency reports' index (src/shell/reports/report-index.ts): how far into the log it has
 * read, what each case (commitment) looks like so far, and the counts per month, dimension and key
 * that a report sums. Row types: src/shell/reports/report-tables.ts.
 */
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Dialect } from "../database.ts";

export function reportIndexMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("report_index_state")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("next_index", "bigint", (c) => c.notNull())
        .addColumn("skipped", "bigint", (c) => c.notNull())
        .execute();
      await db
        .insertInto("report_index_state" as never)
        .values({ id: 1, next_index: 0, skipped: 0 } as never)
        .execute();
      await db.schema
        .createTable("report_cases")
        .addColumn("commitment", "text", (c) => c.primaryKey())
        .addColumn("summary", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("report_counts")
        .addColumn("month", "text", (c) => c.notNull())
        .addColumn("dimension", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("cases", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("report_counts_pk", ["month", "dimension", "key"])
        .execute();
    },
  };
}
