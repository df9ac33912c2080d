/**
 * The dialects every store test runs on (STYLE habit 9): SQLite always, in a fresh temp directory;
 * PostgreSQL when TEST_DATABASE_URL is set, in a fresh schema per test. On CI (CI=true) the
 * PostgreSQL tests must run, so a missing TEST_DATABASE_URL is an error there, not a silent skip.
 *
 *   for (const dialect of testDialects) describe(dialect.name, () => { ... await dialect.open() ... });
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, type Dialect, openDatabase } from "../../src/shell/store/database.ts";

export interface TestDialect {
  readonly name: Dialect;
  /** A fresh, migrated, empty database; closed and removed by `cleanup()`. */
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Options that open the same database again (a second process, a restart). */
  readonly reopen: () => Promise<Database>;
  cleanup(): Promise<void>;
}

const postgresUrl = process.env["TEST_DATABASE_URL"];
if (process.env["CI"] === "true" && (postgresUrl === undefined || postgresUrl === "")) {
  throw new Error(
    "CI=true but TEST_DATABASE_URL is unset: the PostgreSQL store tests must run on CI (see .ci/run)",
  );
}

const sqlite: TestDialect = {
  name: "sqlite",
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "lightswitch-test-db-"));
    const options = { sqlitePath: join(dir, "store.sqlite") };
    const database = await openDatabase(options);
    return {
      ...database,
      reopen: () => openDatabase(options),
      async cleanup() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(url: string): TestDialect {
  return {
    name: "postgres",
    async open() {
      const schema = `t_${randomBytes(8).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create schema ${schema}`);
      } finally {
        await admin.end();
      }
      const options = { postgresUrl: url, schema, poolSize: 4 };
      const database = await openDatabase(options);
      return {
        ...database,
        reopen: () => openDatabase(options),
        async cleanup() {
          await database.close();
          const dropper = new pg.Client({ connectionString: url });
          await dropper.connect();
          try {
            await dropper.query(`drop schema ${schema} cascade`);
          } finally {
            await dropper.end();
          }
        },
      };
    },
  };
}

export const testDialects: readonly TestDialect[] =
  postgresUrl === undefined || postgresUrl === "" ? [sqlite] : [sqlite, postgres(postgresUrl)];
