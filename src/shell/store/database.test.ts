import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../test/support/databases.ts";
import { openDatabase } from "./database.ts";
import { StoreError } from "./store-error.ts";

for (const dialect of testDialects) {
  describe(`store on ${dialect.name}`, () => {
    let database: TestDatabase | undefined;
    afterEach(async () => {
      await database?.cleanup();
      database = undefined;
    });

    it("creates every table on open and round-trips integers as numbers and bytes as bytes", async () => {
      database = await dialect.open();
      await database.db
        .insertInto("log_entries")
        .values({
          idx: 2 ** 40,
          leaf_hash: new Uint8Array(32).fill(7),
          data: Buffer.from("hi"),
          event_id: null,
        })
        .execute();
      const row = await database.db.selectFrom("log_entries").selectAll().executeTakeFirstOrThrow();
      expect(row.idx).toBe(2 ** 40);
      expect(Buffer.from(row.data).toString()).toBe("hi");
      expect(row.leaf_hash).toHaveLength(32);
    });

    it("runs the migrations once: reopening an existing database keeps its rows", async () => {
      database = await dialect.open();
      await database.db.insertInto("log_witness_sizes").values({ witness: "w", size: 5 }).execute();
      const again = await database.reopen();
      const rows = await again.db.selectFrom("log_witness_sizes").selectAll().execute();
      await again.close();
      expect(rows).toEqual([{ witness: "w", size: 5 }]);
    });
  });
}

describe("openDatabase options", () => {
  it("rejects a schema name that is not a plain identifier", async () => {
    const error = await openDatabase({ postgresUrl: "postgres://x@127.0.0.1:1/x", schema: "a;drop" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe("STORE_CONFIG_INVALID");
  });
});

describe("SQLite transactions beside another connection to the same file", () => {
  it("hold the write lock from their start, so a read-then-write transaction cannot be overtaken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lightswitch-db-"));
    const path = join(dir, "lightswitch.sqlite");
    const database = await openDatabase({ sqlitePath: path });
    // Another connection (a CLI command beside the server), which does not wait for locks.
    const other = new BetterSqlite3(path);
    other.pragma("busy_timeout = 0");
    let otherWrite: unknown;
    try {
      await database.db.transaction().execute(async (tx) => {
        await tx.selectFrom("log_witness_sizes").selectAll().execute();
        try {
          other.prepare("insert into log_witness_sizes (witness, size) values ('other', 1)").run();
        } catch (error) {
          otherWrite = error;
        }
        // Had the other connection committed after our read, this write would fail (stale snapshot).
        await tx.insertInto("log_witness_sizes").values({ witness: "ours", size: 2 }).execute();
      });
      expect((otherWrite as { code?: string } | undefined)?.code).toBe("SQLITE_BUSY");
      const rows = await database.db.selectFrom("log_witness_sizes").select("witness").execute();
      expect(rows).toEqual([{ witness: "ours" }]);
    } finally {
      other.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
