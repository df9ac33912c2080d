/**
 * What the server's log says of each request: ONE line once it is answered, with its method and the
 * pattern of the route it matched (`/v1/notices/:code/verify`), never the URL it was sent to, its status
 * and how long it took. Paths carry notice codes (which tie a person to their case's records) and case
 * ids, queries carry filters; issue 4 wants no personal data in server logs, and a log line must not
 * become the index that links them. One line instead of Fastify's two (received, completed) halves what
 * logging costs per request, a measurable part of intake's CPU (issue 4's throughput).
 */
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from "fastify";

/** The `req` serializer: Fastify's default fields, with the route's pattern in place of the URL. */
export function requestLogFields(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    route: request.routeOptions.url ?? "(no route)",
    host: request.host,
    remoteAddress: request.ip,
  };
}

/** `logger` (Fastify's option) with the request serializer above; false stays false. Pair with
 * `logAnsweredRequests`, and Fastify's own request logging disabled. */
export function withPrivateRequestLog(
  logger: FastifyServerOptions["logger"],
): FastifyServerOptions["logger"] {
  if (logger === undefined || logger === false) return false;
  if (logger === true) return { serializers: { req: requestLogFields } };
  return { ...logger, serializers: { ...logger.serializers, req: requestLogFields } };
}

/** Logs each request once it is answered (Fastify's `disableRequestLogging` must be on). */
export function logAnsweredRequests(app: FastifyInstance): void {
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      "request answered",
    );
  });
}
