import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/shell/intake/open-case-service.ts";
import { UserStore } from "../../src/shell/users/user-store.ts";
import { runCli } from "./run-cli.ts";

const dataDir = mkdtempSync(join(tmpdir(), "lightswitch-cli-users-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const base = ["--data", dataDir];

describe("lightswitch users", () => {
  it("adds a user with a password from stdin, lists and disables them; the password then no longer logs in", async () => {
    const add = runCli(
      [
        "users",
        "add",
        ...base,
        "--name",
        "Ana Judge",
        "--email",
        "ana@example.org",
        "--role",
        "authoriser",
        "--password-stdin",
        "--json",
      ],
      "a long enough password\n",
    );
    expect(add.status).toBe(0);
    const [user] = JSON.parse(add.stdout);
    expect(user).toMatchObject({ email: "ana@example.org", role: "authoriser", disabled: false });

    const database = await openStore({ dataDir });
    try {
      const store = new UserStore({ db: database.db });
      expect((await store.login("ana@example.org", "a long enough password")).user.user_id).toBe(
        user.user_id,
      );
      expect(runCli(["users", "disable", ...base, "--user", "ana@example.org"]).status).toBe(0);
      await expect(store.login("ana@example.org", "a long enough password")).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    } finally {
      await database.close();
    }
    const listed = JSON.parse(runCli(["users", "list", ...base, "--json"]).stdout);
    expect(listed).toMatchObject([{ email: "ana@example.org", disabled: true }]);
  });

  it("generates a password when none is piped, and shows it once", () => {
    const add = runCli([
      "users",
      "add",
      ...base,
      "--name",
      "Bo",
      "--email",
      "bo@example.org",
      "--role",
      "auditor",
    ]);
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/password: [A-Za-z0-9_-]{24}/);
    expect(runCli(["users", "list", ...base]).stdout).not.toMatch(/password/);
  });

  it("exits 2 naming the bad field, and refuses an unknown role", () => {
    const short = runCli(
      [
        "users",
        "add",
        ...base,
        "--name",
        "C",
        "--email",
        "c@example.org",
        "--role",
        "admin",
        "--password-stdin",
      ],
      "short\n",
    );
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/password: use at least 12 characters/);
    const role = runCli([
      "users",
      "add",
      ...base,
      "--name",
      "C",
      "--email",
      "c@example.org",
      "--role",
      "king",
    ]);
    expect(role.status).not.toBe(0);
    expect(role.stderr).toMatch(/king/);
  });
});
