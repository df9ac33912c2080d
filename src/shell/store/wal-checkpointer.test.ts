import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./database.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Opens a fresh store, writes ~2 MB in one table, returns the database file's path and the store. */
async function storeWithWrites(backgroundCheckpoints: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "lightswitch-wal-"));
  dirs.push(dir);
  const path = join(dir, "store.sqlite");
  const database = await openDatabase({ sqlitePath: path, backgroundCheckpoints });
  await sql`create table filler (id integer primary key, body text)`.execute(database.db);
  const body = "x".repeat(2_000);
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < 1_000; i++) await sql`insert into filler (body) values (${body})`.execute(tx);
  });
  return { path, database };
}

describe("background WAL checkpoints (embedded store)", () => {
  it("copy committed pages into the database file without the writer doing it", async () => {
    const { path, database } = await storeWithWrites(true);
    // ~500 WAL pages: below the writer's own (fallback) checkpoint threshold, so only the worker copies.
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(1_500_000), { timeout: 10_000 });
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(database.db);
    expect(rows.rows[0]?.n).toBe(1_000);
    await database.close();
  });

  it("leave the writer's own checkpoints in place without them", async () => {
    const { path, database } = await storeWithWrites(false);
    // SQLite's default: the commit that passes 1,000 WAL pages checkpoints; ~500 pages stay in the WAL.
    expect(statSync(path).size).toBeLessThan(1_000_000);
    await database.close();
  });
});
