/**
 * `lightswitch notice verify` end to end: a real log served by Fastify on 127.0.0.1, the CLI in a
 * child process (asynchronously, so this process keeps serving the log while it runs).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalize } from "../../src/core/intake/canonical-json.ts";
import { formatNoticeCode } from "../../src/core/notices/notice-code.ts";
import { fixtureEvents, fixtureRequest } from "../../src/core/notices/notice-fixture.ts";
import { testDialects } from "../support/databases.ts";
import { type ServedCaseLog, serveCaseLog } from "./served-log.ts";

const BIN = fileURLToPath(new URL("../../bin/lightswitch.js", import.meta.url));

function run(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const dialect = testDialects[0]!;

describe("lightswitch notice verify", { timeout: 90_000 }, () => {
  let served: ServedCaseLog;
  let dir: string;
  let requestFile: string;
  beforeAll(async () => {
    served = await serveCaseLog(dialect);
    dir = mkdtempSync(join(tmpdir(), "lightswitch-notice-"));
    requestFile = join(dir, "request.json");
    writeFileSync(requestFile, JSON.stringify(served.request, null, 2));
  });
  afterAll(async () => {
    await served.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = (code: string, file: string, ...extra: string[]) =>
    run(["notice", "verify", code, "--url", served.url, "--vkey", served.vkey, "--request", file, ...extra]);

  it("exits 0 and says when the request was received", async () => {
    const result = await verify(served.publicCode, requestFile, "--event", "pr-assessed-0001");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("VERIFIED: the request was received on 2026-10-02");
    expect(result.stdout).toContain("assessed");
    const json = await verify(served.publicCode, requestFile, "--json");
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: true, received_on: "2026-10-02", index: 250 });
  });

  it("exits 1 with a clear reason after one byte of the request changed", async () => {
    const changed = join(dir, "changed.json");
    writeFileSync(changed, canonicalize(served.request).replace("Paris", "Parus"));
    const result = await verify(served.publicCode, changed);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("NOT VERIFIED (COMMITMENT_MISMATCH)");
    expect(result.stdout).toContain("the request was changed");
  });

  it("exits 1 after one byte of the salt changed, or with another event id", async () => {
    const salt = new Uint8Array(served.salt);
    salt[31] = salt[31]! ^ 0x80;
    const otherSalt = await verify(
      formatNoticeCode({ eventId: "pr-received-0001", salt }),
      requestFile,
      "--json",
    );
    expect(otherSalt.status).toBe(1);
    expect(JSON.parse(otherSalt.stdout)).toMatchObject({ verified: false, failure: "COMMITMENT_MISMATCH" });
    const otherEvent = await verify(
      formatNoticeCode({ eventId: served.otherEventId, salt: served.salt }),
      requestFile,
    );
    expect(otherEvent.status).toBe(1);
    expect(otherEvent.stdout).toContain("COMMITMENT_MISMATCH");
    const unknown = await verify(
      formatNoticeCode({ eventId: "pr-received-none", salt: served.salt }),
      requestFile,
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toContain("EVENT_NOT_FOUND");
  });

  it("exits 2 for a mistyped code, a bad key, or a request file that is not JSON", async () => {
    const typo = served.publicCode.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const mistyped = await verify(typo, requestFile);
    expect(mistyped.status).toBe(2);
    expect(mistyped.stderr).toContain("NOTICE_CODE_CHECKSUM");
    const badKey = await run([
      "notice",
      "verify",
      served.publicCode,
      "--url",
      served.url,
      "--vkey",
      "nope",
      "--request",
      requestFile,
    ]);
    expect(badKey.status).toBe(2);
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{ not json");
    expect((await verify(served.publicCode, notJson)).status).toBe(2);
    expect((await run(["notice", "verify", served.publicCode, "--url", served.url])).status).toBe(2);
  });
});

describe("lightswitch notice render", { timeout: 90_000 }, () => {
  it("prints a printable notice page from a JSON input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lightswitch-notice-render-"));
    try {
      const input = join(dir, "notice-input.json");
      writeFileSync(
        input,
        JSON.stringify({
          event_id: "pr-received-0001",
          salt_hex: "ab".repeat(32),
          issued_on: "2026-11-26",
          sender: "Example Mail Ltd",
          request: fixtureRequest(),
          events: fixtureEvents(),
          profile: { id: "budapest-protocol2-2022", title: "Budapest Convention, Second Protocol" },
          log: {
            url: "https://log.example/log/",
            origin: "log.example/log",
            vkey: "log.example/log+01234567+AQ",
          },
        }),
      );
      const html = await run(["notice", "render", input]);
      expect(html.status).toBe(0);
      expect(html.stdout).toContain("<!doctype html>");
      expect(html.stdout).toContain("@media print");
      const text = await run(["notice", "render", input, "--text"]);
      expect(text.stdout).toContain("Notice code: LSN1.");
      writeFileSync(input, JSON.stringify({ sender: "x" }));
      expect((await run(["notice", "render", input])).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
