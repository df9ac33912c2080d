/**
 * The witness over HTTP (c2sp.org/tlog-witness v1.0.0): `POST <prefix>/add-checkpoint`.
 * Status codes are the spec's: 200 with cosignature lines, 400 malformed or old > new, 403 no
 * trusted signature, 404 unknown origin, 409 stale `old` (body: our size, text/x.tlog.size),
 * 422 bad consistency proof. Any Content-Type is accepted (the body is the protocol); bodies over
 * 64 KiB are refused with 413 before parsing.
 */
import type { FastifyPluginAsync } from "fastify";
import type { WitnessService } from "../shell/log/witness-service.ts";

export interface WitnessRoutesOptions {
  readonly witness: WitnessService;
}

/** A body has at most 63 proof lines and a checkpoint with a few signatures: 64 KiB is plenty. */
const MAX_BODY_BYTES = 64 * 1024;

export const witnessRoutes: FastifyPluginAsync<WitnessRoutesOptions> = async (app, options) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.post("/add-checkpoint", async (request, reply) => {
    const body = request.body;
    if (!Buffer.isBuffer(body))
      return reply
        .code(400)
        .send({ error: { code: "MALFORMED_REQUEST", message: "expected an add-checkpoint body" } });
    const decision = await options.witness.addCheckpoint(new Uint8Array(body));
    if (decision.kind === "cosigned")
      return reply.code(200).header("content-type", "text/plain; charset=utf-8").send(decision.body);
    if (decision.body !== undefined)
      return reply
        .code(decision.status)
        .header("content-type", decision.contentType ?? "text/plain; charset=utf-8")
        .send(decision.body);
    return reply.code(decision.status).send({ error: { code: decision.reason, message: decision.message } });
  });
};
