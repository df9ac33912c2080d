/**
 * `lightswitch witness …`: run a C2SP tlog-witness.
 *   key     print the witness's cosignature/v1 verifier key as the last line (created on first use)
 *   serve   POST /add-checkpoint for the logs given by --log-vkey (state kept in the store)
 * Exit codes: 0 ok, 2 bad usage.
 */
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import Fastify from "fastify";
import { cosignerFromSkey } from "../../core/log/cosignature.ts";
import { type NoteVerifier, verifierFromVkey } from "../../core/log/note.ts";
import { witnessRoutes } from "../../http/witness-routes.ts";
import { loadOrCreateKey } from "../../shell/log/log-keys.ts";
import { openDataDatabase } from "../../shell/log/open-log.ts";
import { WitnessService } from "../../shell/log/witness-service.ts";
import { EXIT_OK, exitWithUsageCodes, parseNonNegativeInteger } from "./log.ts";

const DEFAULT_WITNESS_NAME = "witness.lightswitch.localhost";

function collectLogKey(value: string, previous: NoteVerifier[]): NoteVerifier[] {
  try {
    return [...previous, verifierFromVkey(value)];
  } catch {
    throw new InvalidArgumentError("expected a log verifier key (name+hex id+base64 key)");
  }
}

function loadCosigner(data: string, name: string) {
  return cosignerFromSkey(loadOrCreateKey(data, "witness.key", name).skey);
}

export function registerWitnessCommand(program: Command): void {
  const witness = exitWithUsageCodes(
    program
      .command("witness")
      .description("Run a transparency-log witness (C2SP tlog-witness, cosignature/v1)"),
  );

  witness
    .command("key")
    .description("Print the witness's cosignature/v1 verifier key as the last line; creates it on first use")
    .requiredOption("--data <dir>", "data directory (witness key)")
    .option("--name <name>", "key name for a new witness", DEFAULT_WITNESS_NAME)
    .action((options: { data: string; name: string }) => {
      console.log(loadCosigner(options.data, options.name).vkey);
    });

  witness
    .command("serve")
    .description("Serve POST /add-checkpoint, cosigning checkpoints of the configured logs")
    .requiredOption("--data <dir>", "data directory (witness key, embedded store)")
    .option("--database-url <url>", "PostgreSQL URL (instead of the embedded store in --data)")
    .requiredOption(
      "--log-vkey <key>",
      "verifier key of a log to witness (repeatable); origin = key name",
      collectLogKey,
      [],
    )
    .option("--port <port>", "TCP port", parseNonNegativeInteger, 8090)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--name <name>", "key name for a new witness", DEFAULT_WITNESS_NAME)
    .action(
      async (options: {
        data: string;
        databaseUrl?: string;
        logVkey: NoteVerifier[];
        port: number;
        host: string;
        name: string;
      }) => {
        const database = await openDataDatabase(options);
        const cosigner = loadCosigner(options.data, options.name);
        const logs = new Map<string, NoteVerifier[]>();
        for (const verifier of options.logVkey)
          logs.set(verifier.name, [...(logs.get(verifier.name) ?? []), verifier]);
        const service = new WitnessService({ database, cosigner, logs });
        const app = Fastify({ logger: { level: "info" } });
        await app.register(witnessRoutes, { witness: service });
        const address = await app.listen({ port: options.port, host: options.host });
        console.error(`witness ${cosigner.name} at ${address}/add-checkpoint (vkey ${cosigner.vkey})`);
        const stop = async () => {
          await app.close();
          await database.close();
          process.exit(EXIT_OK);
        };
        process.once("SIGINT", () => void stop());
        process.once("SIGTERM", () => void stop());
      },
    );
}
