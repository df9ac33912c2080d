/**
 * Signed intake through a real listening server on 127.0.0.1 (SQLite with synchronous=FULL, or
 * PostgreSQL when BENCH_DATABASE_URL is set): requests/s and p50/p99 latency at concurrency 32 and 64,
 * beside a hello-world route on the same server as the ceiling of the HTTP stack itself. Also the load
 * behind each figure: the server's CPU per request (main thread and intake workers together), how busy
 * its main thread and its intake workers were, and the client's own CPU per request (the client shares
 * the machine). Prints JSON lines { name, value, unit }.
 *
 * The server runs in a child process with `serve`'s default number of intake worker threads
 * (BENCH_INTAKE_WORKERS to change it), logging each request as `serve` does (into /dev/null). The client sends distinct, pre-signed requests (signing is not
 * timed) over node:http with kept-alive connections. Each measurement runs with the store already
 * holding a number of cases (BENCH_INTAKE_STORED, default 10000 and 100000), pre-filled by copying one
 * real case's rows in SQL (queue, events, journal) and appending their events' public records to the
 * log, so that "flat as the store grows" can be judged. A receipt needs one commit: the case, its
 * journal row, its events and their log entries are one group transaction (the log batch interval only
 * paces case commands). About a minute on SQLite; setting BENCH_DATABASE_URL runs the same again on
 * PostgreSQL (each run in a fresh schema, dropped after). BENCH_INTAKE_PROFILE_DIR writes a CPU
 * profile of the server's main thread per measurement.
 */

import { spawn } from "node:child_process";
import { generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import http from "node:http";
import inspector from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { canonicalBytes } from "../src/core/intake/canonical-json.ts";
import { signDetachedJws } from "../src/core/intake/detached-jws.ts";
import { buildApp } from "../src/http/app.ts";
import { defaultIntakeWorkerCount } from "../src/shell/intake/intake-workers.ts";
import { openCaseService } from "../src/shell/intake/open-case-service.ts";
import type { LogService } from "../src/shell/log/log-service.ts";
import { type Database, openDatabase } from "../src/shell/store/database.ts";
import type { DB } from "../src/shell/store/schema.ts";

const CONCURRENCIES = [32, 64];
/** Requests sent per measurement, at most. */
const REQUESTS = Number(process.env["BENCH_INTAKE_REQUESTS"] ?? 3000);
/** Cases in the store before each measurement (BENCH_INTAKE_STORED=10000,100000,1000000). */
const STORED_CASES = (process.env["BENCH_INTAKE_STORED"] ?? "10000,100000").split(",").map(Number);
const POSTGRES_URL = process.env["BENCH_DATABASE_URL"];
/** Intake worker threads in the server (BENCH_INTAKE_WORKERS; default what `serve` uses on this machine). */
const INTAKE_WORKERS = Number(process.env["BENCH_INTAKE_WORKERS"] ?? defaultIntakeWorkerCount());
/** Milliseconds of sending per measurement, at most (a loaded machine must not push the bench on and on). */
const BUDGET_MS = 5_000;
const SERVE_FLAG = "--serve";
const KID = "fr-pp-paris-j3";

interface Result {
  /** CPU time of this (client) process per request, ms. */
  readonly clientCpuMs: number;
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
 * Sends `bodies` (or GETs when null) with `concurrency` workers, at most `count` requests and no new
 * one after `budgetMs`; latency in ms.
 */
async function drive(
  url: string,
  bodies: readonly string[] | null,
  count: number,
  concurrency: number,
  expected: number,
  budgetMs: number,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const stopAt = performance.now() + budgetMs;
  // node:http with one kept-alive connection per worker: a lighter load generator than fetch (which cost
  // about 0.4 ms of this machine's CPU per request), so that more of the two cores go to the server.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const send = (body: string | undefined) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: body === undefined ? "GET" : "POST",
          headers:
            body === undefined
              ? {}
              : { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.once("end", () => resolve(response.statusCode ?? 0));
          response.once("error", reject);
        },
      );
      request.once("error", reject);
      request.end(body);
    });
  const worker = async () => {
    while (next < count && performance.now() < stopAt) {
      const i = next++;
      const started = performance.now();
      const status = await send(bodies === null ? undefined : (bodies[i] ?? ""));
      latencies.push(performance.now() - started);
      if (status !== expected) failures++;
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    clientCpuMs: (used.user + used.system) / 1000 / Math.max(1, latencies.length),
    sent: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failures,
  };
}

interface ServerData {
  readonly intakeWorkers: number;
  readonly publicKeyPem: string;
  readonly postgresUrl: string | undefined;
  /** A request signed by the bench authority, copied to pre-fill the store. */
  readonly templateBody: string;
}

/** A fresh store: SQLite in the data directory, or a fresh schema on the PostgreSQL server. */
async function openBenchStore(dataDir: string, postgresUrl: string | undefined): Promise<Database> {
  if (postgresUrl === undefined)
    return openDatabase({ sqlitePath: join(dataDir, "lightswitch.sqlite"), backgroundCheckpoints: true });
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(postgresUrl, `create schema ${schema}`);
  const database = await openDatabase({ postgresUrl, schema });
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(postgresUrl, `drop schema ${schema} cascade`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Copies the template case's rows (case, queue entry, events, journal row) under new ids until the store
 * holds `total` cases, in batches of one INSERT … SELECT each (SQL common to SQLite and PostgreSQL).
 */
async function prefillCases(
  db: Kysely<DB>,
  log: LogService,
  templateCaseId: string,
  total: number,
): Promise<void> {
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from cases`.execute(db)).rows[0]?.n ?? 0);
  for (let stored = await count(); stored < total; stored = await count()) {
    const from = stored;
    const to = Math.min(total, stored + 20_000) - 1;
    const numbers = sql`with recursive n(i) as (select cast(${from} as integer) union all select i + 1 from n where i < ${to})`;
    await db.transaction().execute(async (tx) => {
      await sql`insert into cases (case_id, authority_id, request_id, request_sha256, request_json, signature,
          commitment_salt, profile, verdict, assessment_json, received_at)
        ${numbers} select t.case_id || '-p' || n.i, t.authority_id, 'prefill-' || n.i, t.request_sha256,
          t.request_json, t.signature, t.commitment_salt, t.profile, t.verdict, t.assessment_json, t.received_at
        from n, cases t where t.case_id = ${templateCaseId}`.execute(tx);
      await sql`insert into case_queue (case_id, version, stage, verdict, requesting_state, profile, emergency,
          deadline, received_at, updated_at, confidential, commitment, details_json)
        ${numbers} select t.case_id || '-p' || n.i, t.version, t.stage, t.verdict, t.requesting_state, t.profile,
          t.emergency, t.deadline, t.received_at, t.updated_at, t.confidential, t.commitment, t.details_json
        from n, case_queue t where t.case_id = ${templateCaseId}`.execute(tx);
      await sql`insert into case_events (case_id, seq, event_id, type, at, actor_json, payload_enc, public_record)
        ${numbers} select t.case_id || '-p' || n.i, t.seq, t.event_id || '-p' || n.i, t.type, t.at, t.actor_json,
          t.payload_enc, t.public_record
        from n, case_events t where t.case_id = ${templateCaseId}`.execute(tx);
      await sql`insert into intake_journal (received_at, authority_id, request_id, outcome, reason, status,
          body_sha256, body_size, case_id)
        ${numbers} select t.received_at, t.authority_id, 'prefill-' || n.i, t.outcome, t.reason, t.status,
          t.body_sha256, t.body_size, t.case_id || '-p' || n.i
        from n, intake_journal t where t.case_id = ${templateCaseId}`.execute(tx);
    });
    // The log grows with the cases: each copied event's public record is appended under its event id.
    const records = await sql<{ event_id: string; public_record: string }>`select e.event_id, e.public_record
      from case_events e where e.case_id like ${`${templateCaseId}-p%`}
      and not exists (select 1 from log_entries l where l.event_id = e.event_id)`.execute(db);
    const appended = records.rows.map((r) =>
      log.sequencer.append(Buffer.from(r.public_record, "utf8"), { eventId: r.event_id }),
    );
    await log.sequencer.flush();
    await Promise.all(appended);
  }
}

/**
 * CPU milliseconds so far of each of this process's threads, summed by thread name (Linux
 * /proc/self/task; empty elsewhere): where the server's CPU goes, main thread, workers, GC helpers, I/O.
 */
function threadCpu(): Map<string, number> {
  const byName = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return byName;
  }
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close).replace(/[^A-Za-z_]+/g, "_");
      const fields = stat.slice(close + 2).split(" ");
      // utime and stime: what the thread ran itself, and what the kernel ran for it (writes, fsync)
      const user = Number(fields[11]) / ticksPerMs;
      const system = Number(fields[12]) / ticksPerMs;
      byName.set(`${name}_user`, (byName.get(`${name}_user`) ?? 0) + user);
      byName.set(`${name}_system`, (byName.get(`${name}_system`) ?? 0) + system);
    } catch {
      // the thread ended meanwhile
    }
  }
  return byName;
}

/**
 * The server side, in a child process (its own event loop and core). Not a worker thread: modules of
 * the app graph that run as workers when `workerData` is set (the simulator's) must stay inert here.
 */
async function serve(data: ServerData): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "lightswitch-bench-intake-"));
  const database = await openBenchStore(dataDir, data.postgresUrl);
  const service = await openCaseService({
    dataDir,
    database,
    intakeWorkers: data.intakeWorkers,
    rateLimit: { perSecond: 1e9, burst: 1e9 },
  });
  await service.directory.add({
    id: KID,
    state: "FR",
    kind: "prosecutor",
    name: "bench",
    publicKey: data.publicKeyPem,
  });
  const template = await service.intake.submit(Buffer.from(data.templateBody));
  const devNull = openSync("/dev/null", "w");
  const app = await buildApp({
    law: service.law,
    intake: service.intake,
    // Logged as `serve` logs (one line per answered request at the default level), written synchronously as pino
    // writes to stdout, but to /dev/null: the cost is the server's, the lines nobody's.
    logger: { level: "info", stream: { write: (line: string) => writeSync(devNull, line) } },
  });
  app.get("/bench/hello", async () => ({ hello: "world" }));
  // The server's own load since the last call: CPU of the whole process (main thread and intake workers)
  // and how busy the main thread's and the workers' event loops were.
  let cpuMark = process.cpuUsage();
  let eluMark = performance.eventLoopUtilization();
  let workersMark = service.intakeWorkers?.busyMs() ?? 0;
  let threadsMark = threadCpu();
  // BENCH_INTAKE_PROFILE_DIR: a .cpuprofile of the server's main thread per intake measurement.
  const profileDir = process.env["BENCH_INTAKE_PROFILE_DIR"];
  const profiler = profileDir === undefined ? undefined : new inspector.Session();
  profiler?.connect();
  await profiler?.post("Profiler.enable");
  let profiling = false;
  let profiles = 0;
  app.get("/bench/load", async () => {
    if (profiler !== undefined && profileDir !== undefined) {
      if (profiling) {
        const { profile } = await profiler.post("Profiler.stop");
        writeFileSync(join(profileDir, `intake-${++profiles}.cpuprofile`), JSON.stringify(profile));
      } else await profiler.post("Profiler.start");
      profiling = !profiling;
    }
    const threads = threadCpu();
    const threadDelta: Record<string, number> = {};
    for (const [name, ms] of threads) threadDelta[name] = Math.round(ms - (threadsMark.get(name) ?? 0));
    threadsMark = threads;
    const cpu = process.cpuUsage(cpuMark);
    const elu = performance.eventLoopUtilization(eluMark);
    const workersBusy = (service.intakeWorkers?.busyMs() ?? 0) - workersMark;
    cpuMark = process.cpuUsage();
    eluMark = performance.eventLoopUtilization();
    workersMark = service.intakeWorkers?.busyMs() ?? 0;
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainBusyMs: elu.active,
      mainUtilization: elu.utilization,
      workersBusyMs: workersBusy,
      threadCpuMs: threadDelta,
      workersUtilization:
        workersBusy / (elu.idle + elu.active) / Math.max(1, service.intakeWorkers?.count ?? 0),
    };
  });
  app.post<{ Body: { total: number } }>("/bench/prefill", async (request) => {
    await prefillCases(database.db, service.log, template.body.case_id, request.body.total);
    return { ok: true };
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  process.once("SIGTERM", async () => {
    await app.close();
    await service.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  console.log(`LISTENING ${address}`);
}

async function startServer(data: ServerData): Promise<{ address: string; stop: () => Promise<unknown> }> {
  // BENCH_INTAKE_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server side.
  const nodeArgs = (process.env["BENCH_INTAKE_SERVER_NODE_ARGS"] ?? "").split(" ").filter(Boolean);
  const script = [...nodeArgs, fileURLToPath(import.meta.url), SERVE_FLAG, JSON.stringify(data)];
  const server = spawn(process.execPath, script, {
    stdio: ["ignore", "pipe", "inherit"],
  });
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
  return {
    address,
    stop: () => {
      server.kill("SIGTERM");
      return exited;
    },
  };
}

function signedBody(request: unknown, privateKey: KeyObject): string {
  return JSON.stringify({ request, signature: signDetachedJws(canonicalBytes(request), privateKey, KID) });
}

async function runOnce(store: "sqlite" | "pg"): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const example = JSON.parse(
    readFileSync(new URL("../examples/fr-ransomware-subscriber.json", import.meta.url), "utf8"),
  );
  const server = await startServer({
    intakeWorkers: INTAKE_WORKERS,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    postgresUrl: store === "pg" ? POSTGRES_URL : undefined,
    templateBody: signedBody({ ...example, id: "bench-template" }, privateKey),
  });
  let batch = 0;
  const freshBodies = () => {
    batch++;
    return Array.from({ length: REQUESTS }, (_, i) =>
      signedBody({ ...example, id: `bench-${batch}-${i}` }, privateKey),
    );
  };
  try {
    const hello = `${server.address}/bench/hello`;
    await drive(hello, null, 1000, 32, 200, 2_000); // warm-up
    for (const concurrency of CONCURRENCIES) {
      const result = await drive(hello, null, REQUESTS, concurrency, 200, BUDGET_MS);
      const suffix = `${store}_c${concurrency}`;
      emit(`intake.hello.requests_per_s.${suffix}`, result.perSecond, "req/s");
      emit(`intake.hello.p50.${suffix}`, result.p50, "ms");
      emit(`intake.hello.p99.${suffix}`, result.p99, "ms");
    }
    await drive(`${server.address}/v1/requests`, freshBodies().slice(0, 500), 500, 32, 201, 2_000); // warm-up
    for (const stored of STORED_CASES) {
      const prefill = await fetch(`${server.address}/bench/prefill`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ total: stored }),
      });
      if (!prefill.ok) throw new Error(`pre-filling ${stored} cases failed: ${prefill.status}`);
      for (const concurrency of CONCURRENCIES) {
        const bodies = freshBodies();
        await fetch(`${server.address}/bench/load`);
        const intake = await drive(
          `${server.address}/v1/requests`,
          bodies,
          REQUESTS,
          concurrency,
          201,
          BUDGET_MS,
        );
        const suffix = `${store}_c${concurrency}_w${INTAKE_WORKERS}_stored${stored}`;
        emit(`intake.signed.requests_per_s.${suffix}`, intake.perSecond, "req/s");
        emit(`intake.signed.p50.${suffix}`, intake.p50, "ms");
        emit(`intake.signed.p99.${suffix}`, intake.p99, "ms");
        emit(`intake.signed.failures.${suffix}`, intake.failures, "count");
        const load = (await (await fetch(`${server.address}/bench/load`)).json()) as {
          cpuMs: number;
          mainBusyMs: number;
          mainUtilization: number;
          workersBusyMs: number;
          threadCpuMs: Record<string, number>;
          workersUtilization: number;
        };
        emit(`intake.signed.server_cpu_per_request.${suffix}`, load.cpuMs / intake.sent, "ms");
        emit(`intake.signed.server_main_thread_per_request.${suffix}`, load.mainBusyMs / intake.sent, "ms");
        emit(`intake.signed.server_main_thread_busy.${suffix}`, load.mainUtilization * 100, "%");
        emit(`intake.signed.server_workers_per_request.${suffix}`, load.workersBusyMs / intake.sent, "ms");
        emit(`intake.signed.server_workers_busy.${suffix}`, load.workersUtilization * 100, "%");
        for (const [thread, ms] of Object.entries(load.threadCpuMs))
          if (ms / intake.sent >= 0.005)
            emit(`intake.signed.server_cpu_per_request.${suffix}.thread_${thread}`, ms / intake.sent, "ms");
        emit(`intake.signed.client_cpu_per_request.${suffix}`, intake.clientCpuMs, "ms");
        emit(`intake.signed.sent.${suffix}`, intake.sent, "count");
      }
    }
  } finally {
    await server.stop();
  }
}

if (process.argv[2] === SERVE_FLAG) await serve(JSON.parse(process.argv[3] ?? "{}") as ServerData);
else {
  const stores: Array<"sqlite" | "pg"> = POSTGRES_URL === undefined ? ["sqlite"] : ["sqlite", "pg"];
  for (const store of stores) await runOnce(store);
}
