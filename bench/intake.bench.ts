/**
 * Signed intake through a real listening server on 127.0.0.1 (SQLite, synchronous=FULL, log batching):
 * requests/s and p50/p99 latency at concurrency 32 over plain `fetch`, beside a hello-world route on
 * the same server as the ceiling of the HTTP stack itself. Prints JSON lines { name, value, unit }.
 * The server runs in a child process (its own event loop); the client sends a bounded number of
 * distinct, pre-signed requests (signing is not timed). Once per log batch interval (50 ms, the serve
 * default, and 10 ms): a receipt waits for its log entry, so the interval bounds latency from below.
 */

import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalBytes } from "../src/core/intake/canonical-json.ts";
import { signDetachedJws } from "../src/core/intake/detached-jws.ts";
import { buildApp } from "../src/http/app.ts";
import { openCaseService } from "../src/shell/intake/open-case-service.ts";

const CONCURRENCY = 32;
const REQUESTS = Number(process.env["BENCH_INTAKE_REQUESTS"] ?? 5000);
/** Log batch intervals to run at: the serve default, then 10 ms (BENCH_INTAKE_LOG_INTERVALS=50,10,…). */
const LOG_INTERVALS_MS = (process.env["BENCH_INTAKE_LOG_INTERVALS"] ?? "50,10").split(",").map(Number);
/** Seconds of sending per measurement, at most. */
const BUDGET_MS = 10_000;
const SERVE_FLAG = "--serve";

interface Result {
  readonly sent: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

/**
 * Sends `bodies` (or GETs when null) with `CONCURRENCY` workers, at most `count` requests and no new
 * one after `budgetMs` (a loaded machine must not push the bench past a minute); latency in ms.
 */
async function drive(
  url: string,
  bodies: readonly string[] | null,
  count: number,
  expected: number,
  budgetMs: number,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const stopAt = performance.now() + budgetMs;
  const worker = async () => {
    while (next < count && performance.now() < stopAt) {
      const i = next++;
      const started = performance.now();
      const response = await fetch(
        url,
        bodies === null
          ? {}
          : { method: "POST", headers: { "content-type": "application/json" }, body: bodies[i] ?? "" },
      );
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== expected) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    sent: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failures,
  };
}

interface ServerData {
  readonly logIntervalMs: number;
  readonly kid: string;
  readonly publicKeyPem: string;
}

/**
 * The server side, in a child process (its own event loop and core). Not a worker thread: modules of
 * the app graph that run as workers when `workerData` is set (the simulator's) must stay inert here.
 */
async function serve(data: ServerData): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "lightswitch-bench-intake-"));
  const service = await openCaseService({
    dataDir,
    logIntervalMs: data.logIntervalMs,
    rateLimit: { perSecond: 1e9, burst: 1e9 },
  });
  await service.directory.add({
    id: data.kid,
    state: "FR",
    kind: "prosecutor",
    name: "bench",
    publicKey: data.publicKeyPem,
  });
  const app = await buildApp({ law: service.law, intake: service.intake });
  app.get("/bench/hello", async () => ({ hello: "world" }));
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  process.once("SIGTERM", async () => {
    await app.close();
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  console.log(`LISTENING ${address}`);
}

async function runOnce(logIntervalMs: number): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const kid = "fr-pp-paris-j3";
  const serverData: ServerData = {
    logIntervalMs,
    kid,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
  const server = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), SERVE_FLAG, JSON.stringify(serverData)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const address = await new Promise<string>((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    server.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const example = JSON.parse(
    readFileSync(new URL("../examples/fr-ransomware-subscriber.json", import.meta.url), "utf8"),
  );
  const bodies = Array.from({ length: REQUESTS }, (_, i) => {
    const request = { ...example, id: `bench-${i}` };
    return JSON.stringify({ request, signature: signDetachedJws(canonicalBytes(request), privateKey, kid) });
  });
  try {
    await drive(`${address}/bench/hello`, null, 1000, 200, 2_000); // warm-up
    const hello = await drive(`${address}/bench/hello`, null, REQUESTS, 200, BUDGET_MS);
    const intake = await drive(`${address}/v1/requests`, bodies, REQUESTS, 201, BUDGET_MS);
    const suffix = `c${CONCURRENCY}_log${logIntervalMs}ms`;
    emit(`intake.signed.requests_per_s.${suffix}`, intake.perSecond, "req/s");
    emit(`intake.signed.p50.${suffix}`, intake.p50, "ms");
    emit(`intake.signed.p99.${suffix}`, intake.p99, "ms");
    emit(`intake.signed.failures.${suffix}`, intake.failures, "count");
    emit(`intake.signed.sent.${suffix}`, intake.sent, "count");
    emit(`intake.hello.requests_per_s.${suffix}`, hello.perSecond, "req/s");
    emit(`intake.hello.p50.${suffix}`, hello.p50, "ms");
    emit(`intake.hello.p99.${suffix}`, hello.p99, "ms");
  } finally {
    server.kill("SIGTERM");
    await exited;
  }
}

if (process.argv[2] === SERVE_FLAG) await serve(JSON.parse(process.argv[3] ?? "{}") as ServerData);
else for (const interval of LOG_INTERVALS_MS) await runOnce(interval);
