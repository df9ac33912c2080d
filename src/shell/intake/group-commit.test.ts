import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../test/support/databases.ts";
import { IntakeRejection } from "../../core/intake/intake-rejection.ts";
import { GroupCommitter } from "./group-commit.ts";
import { type IntakeDB, withIntakeTables } from "./intake-tables.ts";

for (const dialect of testDialects) {
  describe(`group commit (${dialect.name})`, () => {
    let database: TestDatabase;
    let writer: GroupCommitter<IntakeDB>;
    beforeEach(async () => {
      database = await dialect.open();
      writer = new GroupCommitter(withIntakeTables(database.db));
    });
    afterEach(async () => {
      await database.cleanup();
    });

    const addAuthority = (id: string) => (tx: Parameters<Parameters<typeof writer.run>[0]>[0]) =>
      tx
        .insertInto("authorities")
        .values({ id, state: "FR", kind: "police", name: id, created_at: 0 })
        .execute();
    const ids = async () =>
      (
        await withIntakeTables(database.db).selectFrom("authorities").select("id").orderBy("id").execute()
      ).map((r) => r.id);

    it("commits the jobs of one tick together and resolves each", async () => {
      await Promise.all(["a", "b", "c"].map((id) => writer.run(addAuthority(id))));
      expect(await ids()).toEqual(["a", "b", "c"]);
    });

    it("fails a job that refuses before writing, alone", async () => {
      const results = await Promise.allSettled([
        writer.run(addAuthority("a")),
        writer.run(async () => {
          throw new IntakeRejection("conflict", "no");
        }),
        writer.run(addAuthority("b")),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await ids()).toEqual(["a", "b"]);
    });

    it("re-runs every job alone when one breaks the transaction, so only that one fails", async () => {
      await writer.run(addAuthority("taken"));
      const results = await Promise.allSettled([
        writer.run(addAuthority("a")),
        writer.run(addAuthority("taken")),
        writer.run(addAuthority("b")),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await ids()).toEqual(["a", "b", "taken"]);
    });
  });
}
