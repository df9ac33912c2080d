/** The case service on a fresh test database (any dialect), with one registered authority and its key. */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { canonicalBytes } from "../../src/core/intake/canonical-json.ts";
import { signDetachedJws } from "../../src/core/intake/detached-jws.ts";
import { buildApp } from "../../src/http/app.ts";
import type { IntakeServiceOptions } from "../../src/shell/intake/intake-service.ts";
import { type CaseService, openCaseService } from "../../src/shell/intake/open-case-service.ts";
import type { TestDialect } from "./databases.ts";

export const EXAMPLE_AUTHORITY = "fr-pp-paris-j3";

/** examples/fr-ransomware-subscriber.json, a fresh copy each time (tests mutate it). */
export function exampleRequest(): Record<string, unknown> & {
  id: string;
  requesting: Record<string, unknown>;
} {
  return JSON.parse(
    readFileSync(new URL("../../examples/fr-ransomware-subscriber.json", import.meta.url), "utf8"),
  );
}

export function newKeyPair(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

export interface TestCaseService {
  readonly app: FastifyInstance;
  readonly service: CaseService;
  /** The registered authority's private key. */
  readonly privateKey: KeyObject;
  /** The envelope `{ request, signature }` signed with `key` (default: the authority's) as `kid`. */
  signed(request: unknown, key?: KeyObject, kid?: string): { request: unknown; signature: string };
  cleanup(): Promise<void>;
}

export async function openTestCaseService(
  dialect: TestDialect,
  options: Pick<IntakeServiceOptions, "rateLimit" | "personalData"> & {
    intakeWorkers?: number;
    logger?: FastifyServerOptions["logger"];
  } = {},
): Promise<TestCaseService> {
  const database = await dialect.open();
  const dataDir = mkdtempSync(join(tmpdir(), "lightswitch-case-"));
  const { logger, ...serviceOptions } = options;
  const service = await openCaseService({
    dataDir,
    database,
    logIntervalMs: 5,
    ...serviceOptions,
  });
  const { privateKey, publicKeyPem } = newKeyPair();
  await service.directory.add({
    id: EXAMPLE_AUTHORITY,
    state: "FR",
    kind: "prosecutor",
    name: "Paris Public Prosecutor, J3",
    publicKey: publicKeyPem,
  });
  const app = await buildApp({
    law: service.law,
    intake: service.intake,
    log: { reader: service.log.reader, origin: service.log.origin },
    logger,
  });
  return {
    app,
    service,
    privateKey,
    signed(request, key = privateKey, kid = EXAMPLE_AUTHORITY) {
      return { request, signature: signDetachedJws(canonicalBytes(request), key, kid) };
    },
    async cleanup() {
      await app.close();
      await service.close();
      await database.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
