/**
 * A real log for notice tests: the sequencer on a fresh test database and the log routes served by
 * Fastify on 127.0.0.1 (port 0), with one case's records appended among unrelated entries.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { canonicalBytes } from "../../src/core/intake/canonical-json.ts";
import { receivedRecord, requestCommitment } from "../../src/core/intake/received-record.ts";
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
  /** The intake-format case (`case-7/received`), sealed, as intake logs it today. */
  readonly intakeCode: string;
  /** An intake-format case whose later record carries another commitment. */
  readonly tamperedCode: string;
  /** Another case's received record (same request shape, other salt). */
  readonly otherEventId: string;
  cleanup(): Promise<void>;
}

export const SALT = new Uint8Array(32).map((_, i) => 200 - i);
const INTAKE_SALT = new Uint8Array(32).map((_, i) => 100 + i);
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
  const intake = (caseId: string, salt: Uint8Array) =>
    receivedRecord({
      caseId,
      request,
      verdict: "execute",
      receivedAt: new Date("2026-10-02T10:00:00Z"),
      commitment: requestCommitment(salt, canonicalBytes(request)),
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
  entries.push([intake("case-7", INTAKE_SALT), "case-7/received"]);
  entries.push([intake("case-8", TAMPERED_SALT), "case-8/received"]);
  entries.push([publicRecord("pr-executed-0001", "executed", "2026-10-06"), "pr-executed-0001"]);
  // case-8's later record is in the intake format with the same case id and a different commitment.
  const tampered = JSON.parse(new TextDecoder().decode(intake("case-8", otherSalt))) as Record<
    string,
    unknown
  >;
  entries.push([canonicalBytes({ ...tampered, event: "assessed" }), "case-8/assessed"]);
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
    intakeCode: formatNoticeCode({ eventId: "case-7/received", salt: INTAKE_SALT }),
    tamperedCode: formatNoticeCode({ eventId: "case-8/received", salt: TAMPERED_SALT }),
    otherEventId: "pr-received-0002",
    async cleanup() {
      await app.close();
      await log.cleanup();
    },
  };
}
