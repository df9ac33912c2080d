/**
 * Log service benchmarks (JSON lines {name, value, unit}):
 *  - durable appends per second on SQLite (WAL, synchronous=FULL): 200,000 concurrent appends, each
 *    acknowledged only after its batch committed; also on PostgreSQL when TEST_DATABASE_URL is set;
 *  - time from append to a signed checkpoint covering it, with the default 1 s interval and 100 ms;
 *  - third-party audit speed over HTTP on 127.0.0.1 (fetch + verify every bundle and tile).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import pg from "pg";
import { logRoutes } from "../src/http/log-routes.ts";
import { auditLog } from "../src/shell/log/audit.ts";
import { httpTileClient } from "../src/shell/log/external/tile-client.ts";
import { loadOrCreateLogKey } from "../src/shell/log/log-keys.ts";
import { type LogService, openLogService } from "../src/shell/log/log-service.ts";
import { type Database, openDatabase } from "../src/shell/store/database.ts";

const APPENDS = 200_000;
const dir = mkdtempSync(join(tmpdir(), "lightswitch-bench-"));
const key = loadOrCreateLogKey(dir, "bench.example/log");

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

/** A public-record-sized entry (~300 bytes of JSON). */
function record(i: number): Uint8Array {
  return Buffer.from(
    JSON.stringify({
      v: 1,
      event: `evt-${i}`,
      type: "assessed",
      date: "2026-11-26",
      requesting_state: "FR",
      instrument: "budapest-2001",
      conduct: ["computer_fraud"],
      measures: ["stored_data"],
      verdict: "execute",
      commitment: randomBytes(32).toString("hex"),
    }),
  );
}

async function durableAppends(service: LogService, count: number): Promise<number> {
  const entries = Array.from({ length: count }, (_, i) => record(i));
  const start = performance.now();
  const acks = entries.map((entry) => service.sequencer.append(entry));
  await service.sequencer.flush();
  await Promise.all(acks);
  return count / ((performance.now() - start) / 1000);
}

async function appendToCheckpoint(database: Database, intervalMs: number, runs: number): Promise<number> {
  const service = await openLogService({ database, key, intervalMs });
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Start at a random phase of the interval, as a real request would.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * intervalMs));
    const start = performance.now();
    await service.sequencer.append(record(i));
    samples.push(performance.now() - start);
  }
  await service.close();
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const sqlite = await openDatabase({ sqlitePath: join(dir, "store.sqlite") });
const service = await openLogService({ database: sqlite, key, intervalMs: 60_000 });
await durableAppends(service, 5_000); // warm-up
emit("log.sqlite.durable_appends", await durableAppends(service, APPENDS), "appends/s");

const app = Fastify();
await app.register(logRoutes, { prefix: "/log", reader: service.reader });
const url = `${await app.listen({ host: "127.0.0.1", port: 0 })}/log/`;
const auditStart = performance.now();
const audit = await auditLog({ client: httpTileClient(url), vkey: key.vkey });
emit(
  "log.audit.entries_per_second",
  audit.entriesVerified / ((performance.now() - auditStart) / 1000),
  "entries/s",
);
await app.close();
await service.close();

emit("log.append_to_checkpoint.interval_1000ms.median", await appendToCheckpoint(sqlite, 1000, 4), "ms");
emit("log.append_to_checkpoint.interval_100ms.median", await appendToCheckpoint(sqlite, 100, 15), "ms");
await sqlite.close();

const postgresUrl = process.env["TEST_DATABASE_URL"];
if (postgresUrl !== undefined && postgresUrl !== "") {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const postgres = await openDatabase({ postgresUrl, schema });
  const pgService = await openLogService({ database: postgres, key, intervalMs: 60_000 });
  await durableAppends(pgService, 5_000);
  emit("log.postgres.durable_appends", await durableAppends(pgService, APPENDS / 2), "appends/s");
  await pgService.close();
  await postgres.close();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
rmSync(dir, { recursive: true, force: true });
