/**
 * A real log for notice tests: the sequencer on a fresh test database and the log routes served by
 * Fastify on 127.0.0.1 (port 0), with one case's records appended among unrelated entries.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { formatNoticeCode } from "../../src/core/notices/notice-code.ts";
import { fixtureRequest } from "../../src/core/notices/notice-fixture.ts";
import {
  commitToRequest,
  encodePublicRecord,
  PUBLIC_RECORD_FORMAT,
} from "../../src/core/records/public-record.ts";
import type { Request } from "../../src/core/request/request-schema.ts";
import { logRoutes } from "../../src/http/log-routes.ts";
import type { TestDialect } from "../support/databases.ts";
import { openTestLog, type TestLog } from "../support/test-log.ts";

export interface ServedCaseLog {
  readonly log: TestLog;
  readonly url: string;
  readonly vkey: string;
  readonly request: Request;
  readonly salt: Uint8Array;
  /** The public-record/v1 case: received as `pr-received-0001`, then assessed and executed. */
  readonly publicCode: string;
  /** A case whose later record `pr-assessed-0008` carries another commitment. */
  readonly tamperedCode: string;
  /** Another case's received record (same request shape, other salt). */
  readonly otherEventId: string;
  cleanup(): Promise<void>;
}

export const SALT = new Uint8Array(32).map((_, i) => 200 - i);
const TAMPERED_SALT = new Uint8Array(32).map((_, i) => 50 + i);

export async function serveCaseLog(dialect: TestDialect): Promise<ServedCaseLog> {
  const log = await openTestLog(dialect);
  const request = fixtureRequest();
  const commitment = commitToRequest(SALT, request);
  const otherSalt = new Uint8Array(32).fill(9);
  const publicRecord = (
    eventId: string,
    eventType: "received" | "assessed" | "executed",
    date: string,
    c = commitment,
  ) =>
    encodePublicRecord({
      format: PUBLIC_RECORD_FORMAT,
      event_id: eventId,
      event_type: eventType,
      date,
      commitment: c,
      visibility: "sealed",
    });
  const entries: Array<[Uint8Array, string | undefined]> = [];
  for (let i = 0; i < 250; i++) entries.push([Buffer.from(`unrelated ${i}`), undefined]);
  entries.push([publicRecord("pr-received-0001", "received", "2026-10-02"), "pr-received-0001"]);
  entries.push([
    publicRecord("pr-received-0002", "received", "2026-10-02", commitToRequest(otherSalt, request)),
    "pr-received-0002",
  ]);
  for (let i = 0; i < 10; i++) entries.push([Buffer.from(`more ${i}`), undefined]);
  entries.push([publicRecord("pr-assessed-0001", "assessed", "2026-10-02"), "pr-assessed-0001"]);
  entries.push([
    publicRecord("pr-received-0008", "received", "2026-10-03", commitToRequest(TAMPERED_SALT, request)),
    "pr-received-0008",
  ]);
  entries.push([publicRecord("pr-executed-0001", "executed", "2026-10-06"), "pr-executed-0001"]);
  entries.push([
    publicRecord("pr-assessed-0008", "assessed", "2026-10-03", commitToRequest(otherSalt, request)),
    "pr-assessed-0008",
  ]);
  const acks = entries.map(([bytes, eventId]) =>
    log.service.sequencer.append(bytes, eventId === undefined ? {} : { eventId }),
  );
  await log.service.sequencer.flush();
  await Promise.all(acks);

  const app: FastifyInstance = Fastify();
  await app.register(logRoutes, { prefix: "/log", reader: log.service.reader });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    log,
    url: `http://127.0.0.1:${address.port}/log`,
    vkey: log.service.vkey,
    request,
    salt: SALT,
    publicCode: formatNoticeCode({ eventId: "pr-received-0001", salt: SALT }),
    tamperedCode: formatNoticeCode({ eventId: "pr-received-0008", salt: TAMPERED_SALT }),
    otherEventId: "pr-received-0002",
    async cleanup() {
      await app.close();
      await log.cleanup();
    },
  };
}
