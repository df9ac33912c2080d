/**
 * A server for the console's end-to-end tests: the web console built fresh from web/ into a temp
 * directory, the treaty comparison routes, and a transparency log of public records on an embedded
 * SQLite store, its checkpoint cosigned by one witness. Listens on 127.0.0.1, on a free port.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { build } from "vite";
import { AppError, HTTP_STATUS } from "../../src/core/app-error.ts";
import { VERDICTS } from "../../src/core/assess/assessment.ts";
import { cosignerFromSkey } from "../../src/core/log/cosignature.ts";
import { generateEd25519Keys, splitNote } from "../../src/core/log/note.ts";
import { formatNoticeCode } from "../../src/core/notices/notice-code.ts";
import {
  commitToRequest,
  encodePublicRecord,
  type PublicRecord,
} from "../../src/core/records/public-record.ts";
import { CONDUCT_CATEGORIES, LEGAL_BASES, MEASURE_TYPES } from "../../src/core/request/vocabulary.ts";
import { logRoutes } from "../../src/http/log-routes.ts";
import { reportRoutes } from "../../src/http/v1/reports/reports.ts";
import { simulationRoutes } from "../../src/http/v1/simulation/simulation-routes.ts";
import { webRoutes } from "../../src/http/web-routes.ts";
import { loadShippedLaw } from "../../src/shell/kb/load-shipped-law.ts";
import { loadOrCreateLogKey } from "../../src/shell/log/log-keys.ts";
import { openLogService } from "../../src/shell/log/log-service.ts";
import { ReportIndex } from "../../src/shell/reports/report-index.ts";
import { openDatabase } from "../../src/shell/store/database.ts";

export const LOG_ORIGIN = "lightswitch.example/log";
export const WITNESS_NAME = "witness.example/w1";

export interface ConsoleServer {
  readonly url: string;
  readonly size: number;
  /** The log's verifier key and the witness's. */
  readonly logVkey: string;
  readonly witnessVkey: string;
  /** Event id of entry `i`. */
  eventId(i: number): string;
  /** Appends `count` more sample entries and waits for their checkpoint (not cosigned). */
  append(count: number): Promise<void>;
  /** Case 0 (entries 0 and 1) is a real request: its notice code and request file. */
  readonly notice: { readonly code: string; readonly requestText: string };
  close(): Promise<void>;
}

const STATES = ["FR", "DE", "BR", "SA", "US", "IN", "NG", "JP"] as const;

/**
 * Entry `i` of the sample log: cases of two events each, `received` then `assessed` (with a verdict,
 * and a refusal ground when refused), sharing the case's commitment; every fifth case is sealed.
 */
export function sampleRecord(
  i: number,
  commitmentOfCase?: (caseNo: number) => string | undefined,
): PublicRecord {
  const caseNo = Math.floor(i / 2);
  const isAssessed = i % 2 === 1;
  const common = {
    format: "lightswitch.public-record/v1",
    event_id: `evt-${String(i).padStart(6, "0")}`,
    event_type: isAssessed ? "assessed" : "received",
    date: `2026-${String((caseNo % 10) + 1).padStart(2, "0")}-${String((caseNo % 27) + 1).padStart(2, "0")}`,
    commitment: commitmentOfCase?.(caseNo) ?? (caseNo * 7919 + 1).toString(16).padStart(64, "a").slice(-64),
  } as const;
  if (caseNo % 5 === 4) return { ...common, visibility: "sealed" };
  const verdict = VERDICTS[caseNo % VERDICTS.length]!;
  return {
    ...common,
    visibility: "public",
    details: {
      requesting_state: STATES[caseNo % STATES.length]!,
      requested_party: { state: "IE", party: "provider", provider: "Example Mail Ltd" },
      instrument: LEGAL_BASES[caseNo % LEGAL_BASES.length]!,
      conduct: [CONDUCT_CATEGORIES[caseNo % CONDUCT_CATEGORIES.length]!],
      measures: [MEASURE_TYPES[caseNo % MEASURE_TYPES.length]!],
      ...(isAssessed ? { verdict } : {}),
      refusal_grounds: isAssessed && verdict === "refuse" ? ["protected-activity"] : [],
    },
  };
}

export interface ConsoleServerOptions {
  /** Entries in the log. */
  readonly size?: number;
  /** Serve /v1/reports (the transparency report). */
  readonly reports?: boolean;
}

export async function startConsoleServer(options: ConsoleServerOptions = {}): Promise<ConsoleServer> {
  const size = options.size ?? 300;
  const dir = mkdtempSync(join(tmpdir(), "lightswitch-e2e-"));
  const dist = join(dir, "dist");
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env["NODE_ENV"];
  process.env["NODE_ENV"] = "production";
  try {
    await build({
      configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)),
      mode: "production",
      build: { outDir: dist, emptyOutDir: true, sourcemap: false },
      logLevel: "warn",
    });
  } finally {
    if (nodeEnv === undefined) delete process.env["NODE_ENV"];
    else process.env["NODE_ENV"] = nodeEnv;
  }

  const database = await openDatabase({ sqlitePath: join(dir, "store.sqlite") });
  const log = await openLogService({
    database,
    key: loadOrCreateLogKey(join(dir, "keys"), LOG_ORIGIN),
    intervalMs: 60_000,
  });
  // Case 0 commits to a real request, so that its notice can be checked end to end.
  const requestText = readFileSync(
    fileURLToPath(new URL("../../examples/fr-ransomware-subscriber.json", import.meta.url)),
    "utf8",
  );
  const salt = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const caseZeroCommitment = commitToRequest(salt, JSON.parse(requestText));
  const commitmentOfCase = (caseNo: number) => (caseNo === 0 ? caseZeroCommitment : undefined);
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < size; i++) {
    const record = sampleRecord(i, commitmentOfCase);
    appends.push(log.sequencer.append(encodePublicRecord(record), { eventId: record.event_id }));
  }
  await log.sequencer.flush();
  await Promise.all(appends);

  // One witness cosigns the checkpoint, as `lightswitch serve` has witnesses do.
  const witness = cosignerFromSkey(generateEd25519Keys(WITNESS_NAME).skey);
  const checkpoint = await log.reader.checkpoint();
  const cosignature = witness.cosign(splitNote(checkpoint.note).text, 1_795_000_000);
  await log.store.setCosignedNote(checkpoint.size, `${checkpoint.note}${cosignature}`);

  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(async (error, _request, reply) =>
    error instanceof AppError ? reply.code(HTTP_STATUS[error.code]).send(error.toJSON()) : reply.send(error),
  );
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send(new AppError("NOT_FOUND", `no route ${request.method} ${request.url}`).toJSON()),
  );
  await app.register(logRoutes, { prefix: "/log", reader: log.reader });
  await app.register(simulationRoutes, { prefix: "/v1", law: loadShippedLaw() });
  if (options.reports !== false)
    await app.register(reportRoutes, {
      prefix: "/v1",
      index: new ReportIndex(database.db, database.dialect),
    });
  await app.register(webRoutes, { distDir: dist });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });

  return {
    url,
    size,
    logVkey: log.vkey,
    witnessVkey: witness.vkey,
    eventId: (i) => sampleRecord(i).event_id,
    async append(count) {
      const start = (await log.reader.checkpoint()).size;
      const acks = Array.from({ length: count }, (_, k) => {
        const record = sampleRecord(start + k);
        return log.sequencer.append(encodePublicRecord(record), { eventId: record.event_id });
      });
      await log.sequencer.flush();
      await Promise.all(acks);
    },
    notice: { code: formatNoticeCode({ eventId: sampleRecord(0).event_id, salt }), requestText },
    async close() {
      await app.close();
      await log.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
