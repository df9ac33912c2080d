/**
 * Acceptance: an independent verifier built only on golang.org/x/mod/sumdb (note + tlog) audits the
 * log served over real HTTP on 127.0.0.1: signature, every tile, every entry bundle, the rebuilt
 * root, inclusion and consistency proofs, and a witness cosignature line. A log that serves one
 * altered entry must be rejected. Needs Debian's golang-go and golang-golang-x-mod-dev; skipped
 * locally without them, an error on CI (CI=true).
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosignerFromSkey } from "../../src/core/log/cosignature.ts";
import { generateEd25519Keys, verifierFromVkey } from "../../src/core/log/note.ts";
import { logRoutes } from "../../src/http/log-routes.ts";
import { witnessRoutes } from "../../src/http/witness-routes.ts";
import { collectCosignatures } from "../../src/shell/log/external/witness-client.ts";
import { WitnessService } from "../../src/shell/log/witness-service.ts";
import { type TestDatabase, testDialects } from "../support/databases.ts";
import { openTestLog, type TestLog } from "../support/test-log.ts";

const run = promisify(execFile);
const GOPATH = "/usr/share/gocode";
const hasGo =
  spawnSync("go", ["version"]).status === 0 &&
  spawnSync("test", ["-d", `${GOPATH}/src/golang.org/x/mod/sumdb/tlog`]).status === 0;
if (!hasGo && process.env["CI"] === "true")
  throw new Error("CI=true but go or golang-golang-x-mod-dev is missing (see .ci/run)");

const ENTRIES = 700;

describe.skipIf(!hasGo)("the Go x/mod/sumdb verifier", () => {
  const workDir = mkdtempSync(join(tmpdir(), "lightswitch-go-"));
  const binary = join(workDir, "go-verifier");
  let log: TestLog;
  let witnessDb: TestDatabase;
  let logApp: FastifyInstance;
  let witnessApp: FastifyInstance;
  let tamperedApp: FastifyInstance;
  let logUrl: string;
  let tamperedUrl: string;
  const witnessKeys = generateEd25519Keys("witness.test.example");
  const cosigner = cosignerFromSkey(witnessKeys.skey);

  beforeAll(async () => {
    await run("go", ["build", "-o", binary, "."], {
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      env: { ...process.env, GO111MODULE: "off", GOPATH, GOCACHE: join(workDir, "cache"), GOFLAGS: "" },
    });
    const sqlite = testDialects[0]!;
    log = await openTestLog(sqlite, "go.test.example/log");
    await log.append(0, ENTRIES, (i) => `event-${i}`);

    witnessDb = await sqlite.open();
    const witness = new WitnessService({
      database: witnessDb,
      cosigner,
      logs: new Map([["go.test.example/log", [verifierFromVkey(log.service.vkey)]]]),
    });
    witnessApp = Fastify();
    await witnessApp.register(witnessRoutes, { witness });
    const witnessUrl = await witnessApp.listen({ host: "127.0.0.1", port: 0 });
    const outcomes = await collectCosignatures(
      [{ url: witnessUrl, vkey: cosigner.vkey }],
      await log.service.reader.checkpoint(),
      log.service.reader,
    );
    expect(outcomes.map((o) => o.detail)).toEqual(["cosigned"]);

    logApp = Fastify();
    await logApp.register(logRoutes, { prefix: "/log", reader: log.service.reader });
    logUrl = `${await logApp.listen({ host: "127.0.0.1", port: 0 })}/log/`;

    // The same log, except that one entry in the second bundle is served altered.
    tamperedApp = Fastify();
    tamperedApp.addHook("onSend", async (request, _reply, payload) => {
      if (!request.url.startsWith("/log/tile/entries/001") || !Buffer.isBuffer(payload)) return payload;
      const altered = Buffer.from(payload);
      altered.writeUInt8(altered.readUInt8(altered.length - 1) ^ 1, altered.length - 1);
      return altered;
    });
    await tamperedApp.register(logRoutes, { prefix: "/log", reader: log.service.reader });
    tamperedUrl = `${await tamperedApp.listen({ host: "127.0.0.1", port: 0 })}/log/`;
  }, 180_000);

  afterAll(async () => {
    await logApp?.close();
    await tamperedApp?.close();
    await witnessApp?.close();
    await log?.cleanup();
    await witnessDb?.cleanup();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("accepts the served log: signature, tiles, entries, proofs and the witness cosignature", async () => {
    // The Ed25519 (0x01) form of the witness key: x/mod only needs the name to find the line.
    const { stdout } = await run(binary, [
      "-url",
      logUrl,
      "-vkey",
      log.service.vkey,
      "-witness-vkey",
      witnessKeys.vkey,
    ]);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      ok: true,
      origin: "go.test.example/log",
      size: ENTRIES,
      entries: ENTRIES,
      record_proofs: 4,
      tree_proofs: 4,
      cosignatures: 1,
    });
  }, 60_000);

  it("rejects a log that serves one altered entry", async () => {
    const error = (await run(binary, ["-url", tamperedUrl, "-vkey", log.service.vkey]).catch(
      (e: unknown) => e,
    )) as {
      code: number;
      stdout: string;
    };
    expect(error.code).toBe(1);
    expect(JSON.parse(error.stdout)).toMatchObject({ ok: false });
  }, 60_000);

  it("rejects the log under a different key", async () => {
    const other = generateEd25519Keys("go.test.example/log");
    const error = (await run(binary, ["-url", logUrl, "-vkey", other.vkey]).catch((e: unknown) => e)) as {
      code: number;
      stdout: string;
    };
    expect(error.code).toBe(1);
    expect(JSON.parse(error.stdout).error).toMatch(/note/);
  }, 60_000);
});
