import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cachingStatements } from "./statement-cache.ts";

function countingDatabase() {
  const sqlite = new BetterSqlite3(":memory:");
  sqlite.exec("create table t (n integer)");
  let prepared = 0;
  const database = {
    prepare: (sql: string) => {
      prepared++;
      return sqlite.prepare(sql);
    },
    close: () => sqlite.close(),
  };
  return { database, prepared: () => prepared };
}

describe("cachingStatements", () => {
  it("prepares a SQL text once and reuses the statement for every later query of that text", () => {
    const { database, prepared } = countingDatabase();
    const cached = cachingStatements(database);
    for (const n of [1, 2, 3]) cached.prepare("insert into t (n) values (?)").run([n]);
    expect(cached.prepare("select n from t order by n").all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(prepared()).toBe(2);
    cached.close();
  });

  it("gives each iteration its own statement, so a query can run while a stream is open", () => {
    const { database } = countingDatabase();
    const cached = cachingStatements(database);
    for (const n of [1, 2]) cached.prepare("insert into t (n) values (?)").run([n]);
    const sql = "select n from t order by n";
    const seen: unknown[] = [];
    for (const row of cached.prepare(sql).iterate([])) seen.push(row, cached.prepare(sql).all([]).length);
    expect(seen).toEqual([{ n: 1 }, 2, { n: 2 }, 2]);
    cached.close();
  });

  it("evicts the least recently used statement beyond its capacity", () => {
    const { database, prepared } = countingDatabase();
    const cached = cachingStatements(database, 2);
    cached.prepare("select 1").all([]);
    cached.prepare("select 2").all([]);
    cached.prepare("select 1").all([]); // "select 2" is now the least recently used
    cached.prepare("select 3").all([]);
    cached.prepare("select 1").all([]);
    expect(prepared()).toBe(3);
    cached.prepare("select 2").all([]);
    expect(prepared()).toBe(4);
    cached.close();
  });
});
