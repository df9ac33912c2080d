/**
 * Prepared statements reused per SQL text for better-sqlite3 under Kysely. Kysely's SqliteDriver calls
 * `database.prepare(sql)` for every query, and preparing (parsing and planning the SQL) cost about as
 * much CPU as running the query on the intake path; Kysely builds the same SQL text for the same query
 * shape, so one statement per text serves them all.
 *
 * `all` and `run` execute synchronously to completion, so one statement can serve every caller in turn.
 * `iterate` (Kysely's streams) keeps the statement busy until the iterator ends, so it gets a fresh,
 * uncached statement.
 */
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** The part of a better-sqlite3 Database that the cache wraps. */
export interface PreparingDatabase {
  prepare(sql: string): SqliteStatement;
  close(): unknown;
}

/** More distinct SQL texts than this (e.g. IN lists of many lengths) evict the least recently used. */
const DEFAULT_CAPACITY = 512;

/** Wraps `database` so that `prepare` returns one cached statement per SQL text. */
export function cachingStatements(database: PreparingDatabase, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      let cached = statements.get(sql);
      if (cached === undefined) {
        cached = reusableStatement(database, sql);
        if (statements.size >= capacity) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      } else {
        statements.delete(sql); // re-inserted below: the Map's order is the recency order
      }
      statements.set(sql, cached);
      return cached;
    },
  };
}

function reusableStatement(database: PreparingDatabase, sql: string): SqliteStatement {
  const statement = database.prepare(sql);
  return {
    reader: statement.reader,
    all: (parameters) => statement.all(parameters),
    run: (parameters) => statement.run(parameters),
    iterate: (parameters) => database.prepare(sql).iterate(parameters),
  };
}
