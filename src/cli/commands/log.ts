/**
 * `lightswitch log …`: run and audit the transparency log.
 *   key     print the log's verifier key (created on first use) as the last line
 *   serve   serve /log/* (tlog-tiles + lookup/proof/consistency) and sequence appends
 *   append  append stdin lines as entries (a demo and test helper)
 *   proof   print a c2sp.org/tlog-proof@v1 file for an index or event id
 *   verify  audit a served log from its tiles as a third party would
 * Exit codes: 0 ok, 1 verification failed, 2 bad usage.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import cliProgress from "cli-progress";
import { type Command, type CommanderError, InvalidArgumentError } from "commander";
import Fastify from "fastify";
import { verifierFromVkey } from "../../core/log/note.ts";
import { logRoutes } from "../../http/log-routes.ts";
import { type AuditState, AuditStateSchema, auditLog } from "../../shell/log/audit.ts";
import { httpTileClient } from "../../shell/log/external/tile-client.ts";
import {
  CosignatureCollector,
  parseWitnessOption,
  type WitnessConfig,
} from "../../shell/log/external/witness-client.ts";
import { DEFAULT_ORIGIN, loadOrCreateLogKey } from "../../shell/log/log-keys.ts";
import { LogReader } from "../../shell/log/log-reader.ts";
import { openLogService } from "../../shell/log/log-service.ts";
import { LogServiceError } from "../../shell/log/log-service-error.ts";
import { LogStore } from "../../shell/log/log-store.ts";
import { openDataDatabase } from "../../shell/log/open-log.ts";

export const EXIT_OK = 0;
export const EXIT_VERIFICATION_FAILED = 1;
export const EXIT_USAGE = 2;

/** Commander errors (unknown option, missing argument) exit 2; --help and --version exit 0. */
export function exitWithUsageCodes(command: Command): Command {
  return command.exitOverride((error: CommanderError) => {
    process.exit(error.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
  });
}

export function parseNonNegativeInteger(value: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(value))
    throw new InvalidArgumentError("expected a non-negative integer");
  return Number(value);
}

function collectWitness(value: string, previous: WitnessConfig[]): WitnessConfig[] {
  try {
    return [...previous, parseWitnessOption(value)];
  } catch (error) {
    throw new InvalidArgumentError(`expected <url>#<witness vkey>: ${(error as Error).message}`);
  }
}

function usageError(message: string): never {
  console.error(`error: ${message}`);
  process.exit(EXIT_USAGE);
}

interface DataFlags {
  data: string;
  databaseUrl?: string;
}

function addDataOptions(command: Command): Command {
  return command
    .requiredOption("--data <dir>", "data directory (signing key, embedded store)")
    .option("--database-url <url>", "PostgreSQL URL (instead of the embedded store in --data)");
}

export function registerLogCommand(program: Command): void {
  const log = exitWithUsageCodes(
    program.command("log").description("Run and audit the transparency log (C2SP tlog-tiles)"),
  );

  addDataOptions(log.command("key"))
    .description("Print the log's verifier key (vkey) as the last line; creates the key on first use")
    .option("--origin <origin>", "origin (and key name) for a new log", DEFAULT_ORIGIN)
    .action((options: DataFlags & { origin: string }) => {
      const key = loadOrCreateLogKey(options.data, options.origin);
      console.log(`origin ${key.origin}`);
      console.log(key.vkey);
    });

  addDataOptions(log.command("serve"))
    .description("Serve the log under /log (checkpoint, tiles, entry bundles, lookup, proof, consistency)")
    .option("--port <port>", "TCP port", parseNonNegativeInteger, 8080)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--origin <origin>", "origin for a new log", DEFAULT_ORIGIN)
    .option("--interval-ms <ms>", "checkpoint interval", parseNonNegativeInteger, 1000)
    .option("--witness <url#vkey>", "witness to collect cosignatures from (repeatable)", collectWitness, [])
    .action(
      async (
        options: DataFlags & {
          port: number;
          host: string;
          origin: string;
          intervalMs: number;
          witness: WitnessConfig[];
        },
      ) => {
        const database = await openDataDatabase(options);
        const key = loadOrCreateLogKey(options.data, options.origin);
        const app = Fastify({ logger: { level: "info" } });
        let collector: CosignatureCollector | undefined;
        const service = await openLogService({
          database,
          key,
          intervalMs: options.intervalMs,
          onCheckpoint: () => collector?.poke(),
        });
        collector = new CosignatureCollector(options.witness, service.reader, (outcome) => {
          if (!outcome.ok) app.log.warn(outcome, "witness did not cosign");
        });
        const timer = setInterval(() => collector?.poke(), Math.max(options.intervalMs, 100));
        collector.poke();
        await app.register(logRoutes, { prefix: "/log", reader: service.reader });
        const address = await app.listen({ port: options.port, host: options.host });
        console.error(`log ${key.origin} at ${address}/log/ (vkey ${key.vkey})`);
        const stop = async () => {
          clearInterval(timer);
          await app.close();
          await service.close();
          await collector?.settled();
          await database.close();
          process.exit(EXIT_OK);
        };
        process.once("SIGINT", () => void stop());
        process.once("SIGTERM", () => void stop());
      },
    );

  addDataOptions(log.command("append"))
    .description("Append each line of stdin as one entry; prints the index of each, once durable")
    .option("--origin <origin>", "origin for a new log", DEFAULT_ORIGIN)
    .option("--json", "print {index} objects")
    .action(async (options: DataFlags & { origin: string; json?: boolean }) => {
      const database = await openDataDatabase(options);
      const service = await openLogService({
        database,
        key: loadOrCreateLogKey(options.data, options.origin),
      });
      const acks: Array<Promise<{ index: number }>> = [];
      for await (const line of createInterface({ input: process.stdin }))
        acks.push(service.sequencer.append(Buffer.from(line)));
      await service.close();
      for (const { index } of await Promise.all(acks))
        console.log(options.json ? JSON.stringify({ index }) : index);
      await database.close();
    });

  addDataOptions(log.command("proof"))
    .description("Print a c2sp.org/tlog-proof@v1 file for an entry (by --index or --event)")
    .option("--index <n>", "entry index", parseNonNegativeInteger)
    .option("--event <id>", "case event id")
    .option("--json", "print {index, size, proof} as JSON")
    .action(async (options: DataFlags & { index?: number; event?: string; json?: boolean }) => {
      if ((options.index === undefined) === (options.event === undefined))
        usageError("give exactly one of --index, --event");
      const database = await openDataDatabase(options);
      try {
        const reader = new LogReader(new LogStore(database.db, database.dialect));
        const index = options.index ?? (await reader.indexOfEvent(options.event!));
        const result = await reader.proofFile(index);
        if (options.json)
          console.log(JSON.stringify({ index: result.index, size: result.size, proof: result.proofFile }));
        else process.stdout.write(result.proofFile);
      } catch (error) {
        if (error instanceof LogServiceError && error.code === "NOT_FOUND") usageError(error.message);
        throw error;
      } finally {
        await database.close();
      }
    });

  log
    .command("verify")
    .description(
      "Audit a log from its tiles: verify the checkpoint signature, rebuild the tree from every entry, compare every tile and the root, and check consistency with the checkpoint seen last time",
    )
    .requiredOption("--url <prefix>", "log URL prefix, e.g. http://127.0.0.1:8080/log/")
    .requiredOption("--vkey <key>", "the log's verifier key")
    .option("--origin <origin>", "expected origin (default: the key name)")
    .option(
      "--state <file>",
      "state file remembering the last verified checkpoint (default under ~/.local/state)",
    )
    .option("--json", "print the result as JSON")
    .action(
      async (options: { url: string; vkey: string; origin?: string; state?: string; json?: boolean }) => {
        try {
          verifierFromVkey(options.vkey);
        } catch {
          usageError(`--vkey ${options.vkey} is not a signed-note verifier key (name+hex id+base64 key)`);
        }
        const statePath =
          options.state ??
          join(
            process.env["XDG_STATE_HOME"] ?? join(homedir(), ".local", "state"),
            "lightswitch",
            `audit-${createHash("sha256").update(`${options.url}\n${options.vkey}`).digest("hex").slice(0, 16)}.json`,
          );
        let previous: AuditState | undefined;
        try {
          previous = AuditStateSchema.parse(JSON.parse(readFileSync(statePath, "utf8")));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT")
            usageError(`state file ${statePath} is unreadable`);
        }
        const bar = new cliProgress.SingleBar(
          { stream: process.stderr, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5000, etaBuffer: 50 },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        const began = performance.now();
        try {
          const result = await auditLog({
            client: httpTileClient(options.url),
            vkey: options.vkey,
            ...(options.origin === undefined ? {} : { origin: options.origin }),
            ...(previous === undefined ? {} : { previous }),
            onProgress: (done, total) => {
              if (!started && !options.json) bar.start(total, 0);
              started = true;
              if (!options.json) bar.update(done);
            },
          });
          if (started && !options.json) bar.stop();
          mkdirSync(dirname(statePath), { recursive: true });
          writeFileSync(`${statePath}.tmp`, JSON.stringify(result.state));
          renameSync(`${statePath}.tmp`, statePath);
          const seconds = (performance.now() - began) / 1000;
          const { state: _state, ...summary } = result;
          if (options.json) console.log(JSON.stringify({ ok: true, ...summary, seconds }));
          else
            console.log(
              `ok: ${result.origin} size ${result.size} root ${result.rootHash}; ${result.entriesVerified} new entries and ${result.tilesVerified} tiles verified, consistent with size ${result.previousSize}`,
            );
        } catch (error) {
          if (started && !options.json) bar.stop();
          if (!(error instanceof LogServiceError)) throw error;
          if (options.json)
            console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }));
          else console.error(`verification failed: ${error.code}: ${error.message}`);
          process.exitCode = EXIT_VERIFICATION_FAILED;
        }
      },
    );
}
