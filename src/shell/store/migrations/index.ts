/**
 * The ordered list of migrations, one set for both dialects, run on every open (Kysely Migrator with
 * a static provider). Append only: never edit a released migration, add a new one (STYLE habit 6).
 * Names sort in application order.
 */
import type { Migration } from "kysely/migration";
import type { Dialect } from "../database.ts";
import { logTablesMigration } from "./0001-log-tables.ts";
import { witnessTablesMigration } from "./0002-witness-tables.ts";
import { intakeTablesMigration } from "./0003-intake-tables.ts";
import { reportIndexMigration } from "./0004-report-index.ts";
import { caseWorkflowMigration } from "./0005-case-workflow.ts";
import { noticeDeliveriesMigration } from "./0006-notice-deliveries.ts";

export function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001-log-tables": logTablesMigration(dialect),
    "0002-witness-tables": witnessTablesMigration(dialect),
    "0003-intake-tables": intakeTablesMigration(dialect),
    "0004-report-index": reportIndexMigration(dialect),
    "0005-case-workflow": caseWorkflowMigration(dialect),
    "0006-notice-deliveries": noticeDeliveriesMigration(dialect),
  };
}
