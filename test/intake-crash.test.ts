/**
 * "A crash never loses an acknowledged request": a real `lightswitch serve` (intake worker thread,
 * background WAL checkpoints, group commits) is killed with SIGKILL while signed requests stream in.
 * Every request it answered 201 must then be in the store: its case, its journal row, and its `received`
 * record in the log at the index the receipt gave, under a signed checkpoint whose root the stored
 * leaves reproduce. The service then starts again on the same data and goes on from there.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalBytes } from "../src/core/intake/canonical-json.ts";
import { signDetachedJws } from "../src/core/intake/detached-jws.ts";
import { rootFromLeafHashes } from "../src/core/log/merkle.ts";
import { openCaseService, openStore } from "../src/shell/intake/open-case-service.ts";
import { runCli } from "./cli/run-cli.ts";
import { EXAMPLE_AUTHORITY, exampleRequest } from "./support/test-case-service.ts";

const BIN = fileURLToPath(new URL("../bin/lightswitch.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "lightswitch-crash-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const signedBody = (id: string) => {
  const request = { ...exampleRequest(), id };
  return JSON.stringify({
    request,
    signature: signDetachedJws(canonicalBytes(request), privateKey, EXAMPLE_AUTHORITY),
  });
};

/** Starts `serve` on a free port; resolves with its address once it listens. */
function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--data", dataDir, "--port", "0", "--intake-workers", "1", "--rate-limit", "100000"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve({ child, port: Number(match[1]) });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

function post(agent: http.Agent, port: number, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path: "/v1/requests",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("intake under SIGKILL (embedded store)", () => {
  it("keeps every acknowledged request: case, journal row, log entry under a signed checkpoint", async () => {
    const raw = publicKey.export({ format: "jwk" }).x ?? "";
    const added = runCli([
      "authorities",
      "add",
      "--data",
      dataDir,
      "--id",
      EXAMPLE_AUTHORITY,
      "--state",
      "FR",
      "--kind",
      "prosecutor",
      "--name",
      "Paris",
      "--public-key",
      raw,
    ]);
    expect(added.status, added.stderr).toBe(0);

    const { child, port } = await startServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const acknowledged: Array<{ case_id: string; log_index: number }> = [];
    let next = 0;
    let killed = false;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const client = async () => {
      while (!killed) {
        const reply = await post(agent, port, signedBody(`crash-${next++}`)).catch(() => undefined);
        if (reply?.status === 201 && !killed) acknowledged.push(reply.json as (typeof acknowledged)[number]);
        // Kill while the other clients' requests are in flight, once enough were acknowledged.
        if (acknowledged.length >= 200 && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, client));
    await exited;
    agent.destroy();
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    const database = await openStore({ dataDir });
    try {
      const db = database.db;
      const cases = new Set(
        (await sql<{ case_id: string }>`select case_id from cases`.execute(db)).rows.map((r) => r.case_id),
      );
      const journaled = new Set(
        (
          await sql<{
            case_id: string;
          }>`select case_id from intake_journal where outcome = 'accepted'`.execute(db)
        ).rows.map((r) => r.case_id),
      );
      const checkpoint = (
        await sql<{ size: number; root_hash: Uint8Array }>`select size, root_hash from log_checkpoints
          order by size desc limit 1`.execute(db)
      ).rows[0];
      const leaves = (
        await sql<{ idx: number; leaf_hash: Uint8Array; event_id: string | null }>`select idx, leaf_hash,
          event_id from log_entries order by idx`.execute(db)
      ).rows;
      const received = new Map(
        (
          await sql<{ case_id: string; event_id: string }>`select case_id, event_id from case_events
            where seq = 1`.execute(db)
        ).rows.map((r) => [r.case_id, r.event_id]),
      );
      for (const receipt of acknowledged) {
        expect(cases.has(receipt.case_id), receipt.case_id).toBe(true);
        expect(journaled.has(receipt.case_id), receipt.case_id).toBe(true);
        expect(leaves[receipt.log_index]?.event_id).toBe(received.get(receipt.case_id));
        expect(receipt.log_index).toBeLessThan(Number(checkpoint?.size));
      }
      // The stored leaves are exactly the signed tree: nothing half-written survived the kill.
      expect(leaves).toHaveLength(Number(checkpoint?.size));
      expect(
        Buffer.from(rootFromLeafHashes(leaves.map((l) => new Uint8Array(l.leaf_hash)))).toString("hex"),
      ).toBe(Buffer.from(checkpoint?.root_hash ?? []).toString("hex"));
    } finally {
      await database.close();
    }

    // Restarted on the same data, intake goes on after the last acknowledged entry.
    const service = await openCaseService({ dataDir });
    try {
      const receipt = await service.intake.submit(Buffer.from(signedBody("after-the-crash")));
      expect(receipt.status).toBe(201);
      expect(receipt.body.log_index).toBeGreaterThan(Math.max(...acknowledged.map((a) => a.log_index)));
    } finally {
      await service.close();
    }
  }, 60_000);
});
