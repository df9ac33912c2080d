import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

describe("lightswitch serve: settings are checked before it starts", () => {
  const dir = mkdtempSync(join(tmpdir(), "lightswitch-serve-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a bad config file with exit code 2, naming each bad key, and opens no store", () => {
    const file = join(dir, "lightswitch.yaml");
    writeFileSync(
      file,
      `data_dir: ${join(dir, "data")}\nport: http\nsmtp:\n  url: mailto:me\n  from: notices@example.org\n`,
    );
    const result = runCli(["serve", "--config", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("the server's settings are invalid (3 problems)");
    expect(result.stderr).toContain(`${file}: port: expected a whole number 0–65,535`);
    expect(result.stderr).toContain(`${file}: smtp.url: scheme mailto: is not smtp: or smtps:`);
    expect(() => rmSync(join(dir, "data"))).toThrow(/ENOENT/);
  });

  it("says which option is wrong", () => {
    const result = runCli(["serve", "--data", join(dir, "data"), "--intake-workers", "many"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--intake-workers: expected a whole number 0–64");
  });

  it("lists where each setting can come from in --help", () => {
    const result = runCli(["serve", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--rate-limit\s+LIGHTSWITCH_RATE_LIMIT\s+rate_limit/);
  });
});
