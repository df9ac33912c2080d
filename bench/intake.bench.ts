/**
 * Signed intake through a real listening server on 127.0.0.1 (SQLite, synchronous=FULL, log batching):
 * requests/s and p50/p99 latency at concurrency 32 over plain `fetch`, beside a hello-world route on
 * the same server as the ceiling of the HTTP stack itself. Prints JSON lines { name, value, unit }.
 * The server runs in a worker thread (its own event loop); the client sends a bounded number of
 * distinct, pre-signed requests (signing is not timed). Once per log batch interval (50 ms, the serve
 * default, and 10 ms): a receipt waits for its log entry, so the interval bounds latency from below.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { canonicalBytes } from "../src/core/intake/canonical-json.ts";
import { signDetachedJws } from "../src/core/intake/detached-jws.ts";
import { buildApp } from "../src/http/app.ts";
import { openCaseService } from "../src/shell/intake/open-case-service.ts";

const CONCURRENCY = 32;
const REQUESTS = Number(process.env["BENCH_INTAKE_REQUESTS"] ?? 5000);
const LOG_INTERVALS_MS = [50, 10];

interface Result {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

/** Sends `bodies` (or GETs when null) with `CONCURRENCY` workers; latency per request in ms. */
async function drive(
  url: string,
  bodies: readonly string[] | null,
  count: number,
  expected: number,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < count) {
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
  return { perSecond: count / seconds, p50: at(0.5), p99: at(0.99), failures };
}

interface ServerData {
  readonly logIntervalMs: number;
  readonly kid: string;
  readonly publicKeyPem: string;
}

/** The server side, in a worker thread so that it does not share an event loop with the client. */
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
  parentPort!.once("message", async () => {
    await app.close();
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
    parentPort!.postMessage("closed");
  });
  parentPort!.postMessage(address);
}

async function runOnce(logIntervalMs: number): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const kid = "fr-pp-paris-j3";
  const serverData: ServerData = {
    logIntervalMs,
    kid,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
  const worker = new Worker(new URL(import.meta.url), { workerData: serverData });
  const address = await new Promise<string>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const example = JSON.parse(
    readFileSync(new URL("../examples/fr-ransomware-subscriber.json", import.meta.url), "utf8"),
  );
  const bodies = Array.from({ length: REQUESTS }, (_, i) => {
    const request = { ...example, id: `bench-${i}` };
    return JSON.stringify({ request, signature: signDetachedJws(canonicalBytes(request), privateKey, kid) });
  });
  try {
    await drive(`${address}/bench/hello`, null, 1000, 200); // warm-up
    const hello = await drive(`${address}/bench/hello`, null, REQUESTS, 200);
    const intake = await drive(`${address}/v1/requests`, bodies, REQUESTS, 201);
    const suffix = `c${CONCURRENCY}_log${logIntervalMs}ms`;
    emit(`intake.signed.requests_per_s.${suffix}`, intake.perSecond, "req/s");
    emit(`intake.signed.p50.${suffix}`, intake.p50, "ms");
    emit(`intake.signed.p99.${suffix}`, intake.p99, "ms");
    emit(`intake.signed.failures.${suffix}`, intake.failures, "count");
    emit(`intake.hello.requests_per_s.${suffix}`, hello.perSecond, "req/s");
    emit(`intake.hello.p50.${suffix}`, hello.p50, "ms");
    emit(`intake.hello.p99.${suffix}`, hello.p99, "ms");
  } finally {
    const closed = new Promise((resolve) => worker.once("message", resolve));
    worker.postMessage("close");
    await closed;
    await worker.terminate();
  }
}

if (isMainThread) for (const interval of LOG_INTERVALS_MS) await runOnce(interval);
else await serve(workerData as ServerData);
