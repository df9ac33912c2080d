import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../test/support/databases.ts";
import { withIntakeTables } from "../intake/intake-tables.ts";
import { AuthorityDirectory } from "./authority-directory.ts";

function newKey(): { raw: string; pem: string } {
  const { publicKey } = generateKeyPairSync("ed25519");
  return {
    raw: publicKey.export({ format: "jwk" }).x!,
    pem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

for (const dialect of testDialects) {
  describe(`the authority key directory (${dialect.name})`, () => {
    let database: TestDatabase;
    let directory: AuthorityDirectory;
    let clock = 0;
    beforeEach(async () => {
      database = await dialect.open();
      clock = Date.parse("2026-11-26T10:00:00Z");
      directory = new AuthorityDirectory(withIntakeTables(database.db), () => clock);
    });
    afterEach(async () => {
      await database.cleanup();
    });

    const fr = (publicKey: string) => ({
      id: "fr-pp",
      state: "FR",
      kind: "prosecutor",
      name: "Parquet",
      publicKey,
    });

    it("registers an authority with a raw base64url key or a PEM SPKI, storing the raw form", async () => {
      const a = newKey();
      const b = newKey();
      await directory.add(fr(a.raw));
      await directory.add({ ...fr(b.pem), id: "fr-pp-2" });
      expect(await directory.keyFor("fr-pp")).toEqual({ status: "active", publicKey: a.raw });
      expect(await directory.keyFor("fr-pp-2")).toEqual({ status: "active", publicKey: b.raw });
      expect((await directory.list()).map((x) => x.id)).toEqual(["fr-pp", "fr-pp-2"]);
    });

    it.each([
      ["a key that is not Ed25519", { publicKey: "abc" }, "INVALID_INPUT"],
      ["an unknown state", { state: "XX" }, "INVALID_INPUT"],
      ["an unknown kind", { kind: "wizard" }, "INVALID_INPUT"],
    ])("refuses %s", async (_name, change, code) => {
      expect(await codeOf(directory.add({ ...fr(newKey().raw), ...change }))).toBe(code);
    });

    it("refuses a second authority with the same id", async () => {
      await directory.add(fr(newKey().raw));
      expect(await codeOf(directory.add(fr(newKey().raw)))).toBe("CONFLICT");
    });

    it("revokes: the authority then has no active key", async () => {
      await directory.add(fr(newKey().raw));
      clock += 1000;
      const revoked = await directory.revoke("fr-pp");
      expect(revoked.status).toBe("revoked");
      expect(revoked.keys[0]?.revokedAt).toBe("2026-11-26T10:00:01.000Z");
      expect(await directory.keyFor("fr-pp")).toEqual({ status: "revoked" });
      expect(await directory.keyFor("nobody")).toEqual({ status: "unknown" });
      expect(await codeOf(directory.revoke("nobody"))).toBe("NOT_FOUND");
    });

    it("rotates: the new key is active, the old one kept as revoked with its dates, and cannot return", async () => {
      const old = newKey();
      const next = newKey();
      await directory.add(fr(old.raw));
      clock += 60_000;
      const rotated = await directory.rotate("fr-pp", next.pem);
      expect(rotated.keys).toEqual([
        { publicKey: old.raw, addedAt: "2026-11-26T10:00:00.000Z", revokedAt: "2026-11-26T10:01:00.000Z" },
        { publicKey: next.raw, addedAt: "2026-11-26T10:01:00.000Z", revokedAt: null },
      ]);
      expect(await directory.keyFor("fr-pp")).toEqual({ status: "active", publicKey: next.raw });
      expect(await codeOf(directory.rotate("fr-pp", old.raw))).toBe("CONFLICT");
    });
  });
}
