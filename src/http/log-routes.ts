/**
 * The log over HTTP, as a Fastify plugin mounted under `/log` (`app.register(logRoutes, { prefix:
 * "/log", reader })`). The static part follows C2SP tlog-tiles exactly:
 *
 *   GET /log/checkpoint                      text/plain; charset=utf-8, max-age a few seconds
 *   GET /log/tile/<L>/<N>[.p/<W>]            application/octet-stream (full: immutable, 1 year)
 *   GET /log/tile/entries/<N>[.p/<W>]        application/octet-stream (partial: short max-age)
 *
 * Tiles that cannot exist at the current size are 404 (never 200, C2SP#84). Dynamic helpers that
 * tiles alone make expensive (documented here, not part of tlog-tiles):
 *
 *   GET /log/lookup?event=<id>               {"index": N} (JSON)
 *   GET /log/proof?index=<N> | ?event=<id>   a c2sp.org/tlog-proof@v1 file (text/plain) against the
 *                                            latest (cosigned) checkpoint; verified before it is sent
 *   GET /log/consistency?old=<M>&new=<N>     RFC 6962 consistency proof, one base64 hash per line
 *
 * Errors are `{ error: { code, message } }` with the status from one table.
 */
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { z } from "zod";
import { encodeBase64 } from "../core/log/bytes.ts";
import { isLogError, type LogErrorCode } from "../core/log/log-error.ts";
import { parseTilePath, TILE_WIDTH } from "../core/log/tiles.ts";
import type { LogReader } from "../shell/log/log-reader.ts";
import { LogServiceError, type LogServiceErrorCode } from "../shell/log/log-service-error.ts";

export interface LogRoutesOptions {
  readonly reader: LogReader;
  /** Seconds a client may cache the checkpoint and partial tiles. Default 2. */
  readonly shortMaxAgeSeconds?: number;
}

const SERVICE_STATUS: Record<LogServiceErrorCode, number> = {
  ENTRY_TOO_LARGE: 413,
  EVENT_ID_CONFLICT: 409,
  SEQUENCER_CLOSED: 503,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  KEY_FILE_INVALID: 500,
  VERIFICATION_FAILED: 500,
  FETCH_FAILED: 502,
};

/** Core errors reaching this layer come from parsing the request (paths) or from a proof self-check. */
function statusOfLogError(code: LogErrorCode): number {
  return code === "INCLUSION_PROOF_INVALID" || code === "CONSISTENCY_PROOF_INVALID" ? 500 : 400;
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof LogServiceError)
    return reply
      .code(SERVICE_STATUS[error.code])
      .send({ error: { code: error.code, message: error.message } });
  if (isLogError(error))
    return reply
      .code(statusOfLogError(error.code))
      .send({ error: { code: error.code, message: error.message } });
  reply.log.error({ err: error }, "log route failed");
  return reply.code(500).send({ error: { code: "INTERNAL", message: "internal error" } });
}

const IndexQuery = z.object({ index: z.string().regex(/^(0|[1-9][0-9]{0,15})$/) });
const EventQuery = z.object({ event: z.string().min(1).max(200) });
const ConsistencyQuery = z.object({
  old: z.string().regex(/^(0|[1-9][0-9]{0,15})$/),
  new: z.string().regex(/^(0|[1-9][0-9]{0,15})$/),
});

function badQuery(message: string): LogServiceError {
  return new LogServiceError("BAD_REQUEST", message);
}

export const logRoutes: FastifyPluginAsync<LogRoutesOptions> = async (app, options) => {
  const { reader } = options;
  const shortCache = `public, max-age=${options.shortMaxAgeSeconds ?? 2}`;
  const immutable = "public, max-age=31536000, immutable";

  app.get("/checkpoint", async (_request, reply) => {
    try {
      const note = await reader.checkpointNote();
      return reply
        .header("content-type", "text/plain; charset=utf-8")
        .header("cache-control", shortCache)
        .send(note);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get("/tile/*", async (request, reply) => {
    try {
      const wildcard = (request.params as { "*": string })["*"];
      // Untrusted path: parseTilePath turns anything malformed into LogError MALFORMED_PATH.
      const tile = parseTilePath(`tile/${wildcard}`);
      if (!Number.isSafeInteger(tile.index))
        throw new LogServiceError("NOT_FOUND", "tile index beyond the log");
      const body =
        tile.kind === "entries"
          ? await reader.entryBundle(tile.index, tile.width)
          : await reader.tile(tile.level, tile.index, tile.width);
      return reply
        .header("content-type", "application/octet-stream")
        .header("cache-control", tile.width === TILE_WIDTH ? immutable : shortCache)
        .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get("/lookup", async (request, reply) => {
    try {
      const query = EventQuery.safeParse(request.query);
      if (!query.success) throw badQuery("expected ?event=<event id>");
      return reply
        .header("cache-control", "no-store")
        .send({ index: await reader.indexOfEvent(query.data.event) });
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get("/proof", async (request, reply) => {
    try {
      const byIndex = IndexQuery.safeParse(request.query);
      const byEvent = EventQuery.safeParse(request.query);
      let index: number;
      if (byIndex.success) index = Number(byIndex.data.index);
      else if (byEvent.success) index = await reader.indexOfEvent(byEvent.data.event);
      else throw badQuery("expected ?index=<N> or ?event=<event id>");
      const { proofFile } = await reader.proofFile(index);
      return reply
        .header("content-type", "text/plain; charset=utf-8")
        .header("cache-control", "no-store")
        .send(proofFile);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get("/consistency", async (request, reply) => {
    try {
      const query = ConsistencyQuery.safeParse(request.query);
      if (!query.success) throw badQuery("expected ?old=<size>&new=<size>");
      const proof = await reader.consistencyProof(Number(query.data.old), Number(query.data.new));
      return reply
        .header("content-type", "text/plain; charset=utf-8")
        .header("cache-control", immutable)
        .send(proof.map((hash) => `${encodeBase64(hash)}\n`).join(""));
    } catch (error) {
      return sendError(reply, error);
    }
  });
};
