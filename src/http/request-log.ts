/**
 * What the server's log says of each request: its method and the pattern of the route it matched
 * (`/v1/notices/:code/verify`), never the URL it was sent to. Paths carry notice codes (which tie a
 * person to their case's records) and case ids, queries carry filters; issue 4 wants no personal data in
 * server logs, and a log line must not become the index that links them.
 */
import type { FastifyRequest, FastifyServerOptions } from "fastify";

/** The `req` serializer: Fastify's default fields, with the route's pattern in place of the URL. */
export function requestLogFields(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    route: request.routeOptions.url ?? "(no route)",
    host: request.host,
    remoteAddress: request.ip,
  };
}

/** `logger` (Fastify's option) with the request serializer above; false stays false. */
export function withPrivateRequestLog(
  logger: FastifyServerOptions["logger"],
): FastifyServerOptions["logger"] {
  if (logger === undefined || logger === false) return false;
  if (logger === true) return { serializers: { req: requestLogFields } };
  return { ...logger, serializers: { ...logger.serializers, req: requestLogFields } };
}
