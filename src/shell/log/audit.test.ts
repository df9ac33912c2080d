import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/support/databases.ts";
import { openTestLog, type TestLog } from "../../../test/support/test-log.ts";
import { formatTileIndex, TILE_WIDTH } from "../../core/log/tiles.ts";
import { logRoutes } from "../../http/log-routes.ts";
import { type AuditState, auditLog } from "./audit.ts";
import type { TileClient } from "./external/tile-client.ts";

/** A TileClient over app.inject (no port); `tamper` may rewrite any response body by path. */
function injectClient(app: FastifyInstance, tamper?: (path: string, body: Buffer) => Buffer): TileClient {
  const get = async (path: string) => {
    const response = await app.inject({ method: "GET", url: `/log/${path}` });
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
    return tamper === undefined ? response.rawPayload : tamper(path, response.rawPayload);
  };
  const suffix = (index: number, width: number) =>
    width === TILE_WIDTH ? formatTileIndex(index) : `${formatTileIndex(index)}.p/${width}`;
  return {
    checkpoint: async () => (await get("checkpoint")).toString("utf8"),
    tile: async (level, index, width) => new Uint8Array(await get(`tile/${level}/${suffix(index, width)}`)),
    entryBundle: async (index, width) => new Uint8Array(await get(`tile/entries/${suffix(index, width)}`)),
  };
}

function flipLastByte(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  copy.writeUInt8(copy.readUInt8(copy.length - 1) ^ 1, copy.length - 1);
  return copy;
}

describe("third-party audit", () => {
  let log: TestLog;
  let app: FastifyInstance;
  // More than 256² entries, so that a level-1 tile fills up and a level-2 tile exists.
  const SIZE = 65_536 + 700;

  beforeAll(async () => {
    log = await openTestLog(testDialects[0]!);
    await log.append(0, SIZE - 300);
    app = Fastify();
    await app.register(logRoutes, { prefix: "/log", reader: log.service.reader });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await log.cleanup();
  });

  let firstState: AuditState;

  it("accepts an honest log, rebuilding every entry and tile", async () => {
    const result = await auditLog({ client: injectClient(app), vkey: log.service.vkey });
    expect(result.size).toBe(SIZE - 300);
    expect(result.entriesVerified).toBe(SIZE - 300);
    firstState = result.state;
  });

  it("resumes from its state: only new entries are fetched, and the grown log is consistent", async () => {
    await log.append(SIZE - 300, SIZE);
    const result = await auditLog({
      client: injectClient(app),
      vkey: log.service.vkey,
      previous: firstState,
    });
    expect(result).toMatchObject({ previousSize: SIZE - 300, size: SIZE, entriesVerified: 300 });
  });

  it.each([
    ["an altered entry", (path: string) => path === "tile/entries/001"],
    ["an altered level-0 tile", (path: string) => path === "tile/0/001"],
    ["an altered level-1 tile", (path: string) => path.startsWith("tile/1/")],
    ["an altered checkpoint signature", (path: string) => path === "checkpoint"],
  ])("refuses a log that serves %s", async (_name, isTarget) => {
    const client = injectClient(app, (path, body) => {
      if (!isTarget(path)) return body;
      if (path === "checkpoint")
        return Buffer.from(
          body.toString().replace(/ (\S)(\S*)\n$/, (_m, c, rest) => ` ${c === "A" ? "B" : "A"}${rest}\n`),
        );
      return flipLastByte(body);
    });
    await expect(auditLog({ client, vkey: log.service.vkey })).rejects.toMatchObject({
      code: "VERIFICATION_FAILED",
    });
  });

  it("detects a rollback: a checkpoint smaller than the one verified before", async () => {
    const previous: AuditState = { ...firstState, size: SIZE + 1 };
    await expect(
      auditLog({ client: injectClient(app), vkey: log.service.vkey, previous }),
    ).rejects.toMatchObject({
      code: "VERIFICATION_FAILED",
    });
  });

  it("detects a fork: the log no longer extends the tree seen last time", async () => {
    // A state whose right edge differs from what the log served then (as if the log rewrote history).
    const forked: AuditState = {
      ...firstState,
      edge: firstState.edge.map((row, level) =>
        level === 0 ? row.map((h, i) => (i === 0 ? Buffer.alloc(32, 7).toString("base64") : h)) : row,
      ),
    };
    await expect(
      auditLog({ client: injectClient(app), vkey: log.service.vkey, previous: forked }),
    ).rejects.toMatchObject({
      code: "VERIFICATION_FAILED",
    });
  });
});
