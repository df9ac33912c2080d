import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/support/databases.ts";
import { testDialects } from "../../../test/support/databases.ts";
import { withCaseTables } from "../cases/case-tables.ts";
import { SESSION_TTL_MS, UserStore } from "./user-store.ts";

const PASSWORD = "a long enough password";

for (const dialect of testDialects) {
  describe(`users and sessions (${dialect.name})`, () => {
    let database: TestDatabase;
    let now = Date.parse("2026-11-26T09:00:00Z");
    let store: UserStore;
    beforeEach(async () => {
      database = await dialect.open();
      store = new UserStore({ db: database.db, now: () => now });
    });
    afterEach(async () => {
      await database.cleanup();
    });

    it("stores an argon2id hash, never the password, and the SHA-256 of tokens, never the token", async () => {
      const user = await store.create({
        name: "Ana",
        email: "Ana@Example.org",
        role: "case_worker",
        password: PASSWORD,
      });
      const { token } = await store.login("ana@example.org", PASSWORD);
      const db = withCaseTables(database.db);
      const row = await db
        .selectFrom("users")
        .selectAll()
        .where("user_id", "=", user.user_id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const sessions = await db.selectFrom("sessions").selectAll().execute();
      expect(JSON.stringify(sessions)).not.toContain(token);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it("a session expires after a working day, and logging out ends it", async () => {
      await store.create({ name: "Ana", email: "ana@example.org", role: "auditor", password: PASSWORD });
      const first = await store.login("ana@example.org", PASSWORD);
      expect((await store.userForToken(first.token))?.role).toBe("auditor");
      now += SESSION_TTL_MS + 1;
      expect(await store.userForToken(first.token)).toBeUndefined();
      const second = await store.login("ana@example.org", PASSWORD);
      await store.logout(second.token);
      expect(await store.userForToken(second.token)).toBeUndefined();
    });

    it("an unknown email and a wrong password are refused alike", async () => {
      await store.create({ name: "Ana", email: "ana@example.org", role: "admin", password: PASSWORD });
      const unknown = await store.login("bo@example.org", PASSWORD).catch((e: unknown) => e);
      const wrong = await store.login("ana@example.org", "not the password!").catch((e: unknown) => e);
      expect(unknown).toMatchObject({ code: "UNAUTHENTICATED", message: (wrong as Error).message });
    });

    it("need-to-know: workers see unassigned cases and their own; auditors all; admins none", async () => {
      const worker = await store.create({
        name: "W",
        email: "w@example.org",
        role: "case_worker",
        password: PASSWORD,
      });
      const other = await store.create({
        name: "O",
        email: "o@example.org",
        role: "case_worker",
        password: PASSWORD,
      });
      const auditor = await store.create({
        name: "A",
        email: "a@example.org",
        role: "auditor",
        password: PASSWORD,
      });
      const admin = await store.create({
        name: "D",
        email: "d@example.org",
        role: "admin",
        password: PASSWORD,
      });
      const db = withCaseTables(database.db);
      await db
        .insertInto("case_queue")
        .values({
          case_id: "c1",
          version: 2,
          stage: "assessed",
          verdict: "execute",
          requesting_state: "FR",
          profile: "p",
          emergency: 0,
          deadline: null,
          received_at: "2026-11-26T09:00:00Z",
          updated_at: "2026-11-26T09:00:00Z",
          confidential: 0,
          commitment: "0".repeat(64),
          details_json: "{}",
        })
        .execute();
      expect(await store.canRead(worker, "c1")).toBe(true);
      await store.assign("c1", other.user_id, admin.user_id);
      expect(await store.canRead(worker, "c1")).toBe(false);
      expect(await store.canRead(other, "c1")).toBe(true);
      expect(await store.canRead(auditor, "c1")).toBe(true);
      expect(await store.canRead(admin, "c1")).toBe(false);
      await expect(store.assign("c1", auditor.user_id, admin.user_id)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await expect(store.assign("c9", worker.user_id, admin.user_id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    });
  });
}

describe("login throttling", () => {
  it("slows password guessing on one account without locking out others", async () => {
    const dialect = testDialects[0]!;
    const database = await dialect.open();
    try {
      let now = 0;
      const store = new UserStore({
        db: database.db,
        now: () => now,
        loginRateLimit: { perSecond: 0.1, burst: 2 },
      });
      await store.create({ name: "Ana", email: "ana@example.org", role: "auditor", password: PASSWORD });
      for (let i = 0; i < 2; i++)
        await expect(store.login("ana@example.org", "guess guess guess")).rejects.toMatchObject({
          code: "UNAUTHENTICATED",
        });
      await expect(store.login("ANA@example.org", PASSWORD)).rejects.toMatchObject({ code: "RATE_LIMITED" });
      await expect(store.login("bo@example.org", PASSWORD)).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
      now += 10_000;
      expect((await store.login("ana@example.org", PASSWORD)).user.email).toBe("ana@example.org");
    } finally {
      await database.cleanup();
    }
  });
});
