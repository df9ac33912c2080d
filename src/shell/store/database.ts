/**
 * Opening the store: `openDatabase({ sqlitePath } | { postgresUrl })` gives a `Kysely<DB>` on the
 * embedded store (better-sqlite3, WAL, synchronous=FULL: a committed transaction survives power loss)
 * or on PostgreSQL (pg pool), and brings the schema up to date before returning. Everything above
 * this file is unaware of the dialect except where SQL genuinely differs (`dialect` says which).
 */
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { allMigrations } from "./migrations/index.ts";
import type { DB } from "./schema.ts";
import { cachingStatements, type PreparingDatabase } from "./statement-cache.ts";
import { StoreError } from "./store-error.ts";
import { FALLBACK_AUTOCHECKPOINT_PAGES, WalCheckpointer } from "./wal-checkpointer.ts";

export type Dialect = "sqlite" | "postgres";

export type DatabaseOptions =
  | {
      readonly sqlitePath: string;
      /** Checkpoint the WAL from a worker thread (wal-checkpointer.ts): for long-running servers. */
      readonly backgroundCheckpoints?: boolean;
    }
  | {
      readonly postgresUrl: string;
      /** Put every table in this schema (tests give each test its own); default: the server's search_path. */
      readonly schema?: string;
      readonly poolSize?: number;
    };

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const PG_INT8_OID = 20;

/** Opens the store and runs every pending migration; throws StoreError on bad options or a failed migration. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database =
    "sqlitePath" in options
      ? openSqlite(options.sqlitePath, options.backgroundCheckpoints === true)
      : openPostgres(options);
  try {
    await migrateToLatest(database, "schema" in options ? options.schema : undefined);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(path: string, backgroundCheckpoints: boolean): Database {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // After a complete checkpoint the WAL restarts from its beginning; this truncates a file that grew.
  sqlite.pragma("journal_size_limit = 67108864");
  const checkpointer = backgroundCheckpoints ? new WalCheckpointer(path) : undefined;
  if (checkpointer !== undefined) sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: cachingStatements(immediateTransactions(sqlite)) }),
  });
  return {
    db,
    dialect: "sqlite",
    async close() {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}

/**
 * Every transaction takes the write lock when it begins (BEGIN IMMEDIATE, waiting up to busy_timeout),
 * not at its first write. With several connections to one file (a CLI command such as `authorities
 * revoke` beside a running server), a transaction that read first and then writes after the other
 * connection committed would fail at once with SQLITE_BUSY (its snapshot is stale; the busy timeout does
 * not apply to that upgrade).
 */
function immediateTransactions(sqlite: BetterSqlite3.Database): PreparingDatabase {
  return {
    prepare: (text: string) => sqlite.prepare(text === "begin" ? "begin immediate" : text),
    close: () => sqlite.close(),
  };
}

function openPostgres(options: { postgresUrl: string; schema?: string; poolSize?: number }): Database {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema))
    throw new StoreError("STORE_CONFIG_INVALID", `schema name "${options.schema}" must match ${SCHEMA_NAME}`);
  const pool = new pg.Pool({
    connectionString: options.postgresUrl,
    max: options.poolSize ?? 10,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    // int8 (bigint) columns come back as strings by default; log indexes stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === PG_INT8_OID && format !== "binary"
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

async function migrateToLatest(database: Database, schema: string | undefined): Promise<void> {
  const migrations = allMigrations(database.dialect);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(before any migration)";
    throw new StoreError("STORE_MIGRATION_FAILED", `migration ${failed} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
