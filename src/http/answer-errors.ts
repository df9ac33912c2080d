/**
 * How every route's failures are answered, in one place (STYLE: a closed set of codes, mapped to HTTP
 * status once): anything thrown becomes an AppError, answered as its JSON with its code's status; an
 * unknown route is NOT_FOUND. Internal errors are logged (their cause, never the request's body).
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, HTTP_STATUS } from "../core/app-error.ts";

/**
 * Installs the error and not-found handlers. `refine` may answer an error otherwise (intake journals a
 * body refused before its handler ran).
 */
export function answerErrors(
  app: FastifyInstance,
  refine?: (error: unknown, appError: AppError, request: FastifyRequest) => Promise<AppError>,
): void {
  app.setErrorHandler(async (error, request, reply) => {
    let appError = toAppError(error);
    if (appError.code === "INTERNAL") request.log.error({ err: error }, "request failed");
    if (refine !== undefined) appError = await refine(error, appError, request);
    if (appError.code === "RATE_LIMITED") reply.header("retry-after", "1");
    return reply.code(HTTP_STATUS[appError.code]).send(appError.toJSON());
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send(new AppError("NOT_FOUND", `no route ${request.method} ${request.url}; see /v1/docs`).toJSON()),
  );
}

export function isFastifyError(error: unknown): error is FastifyError {
  return (
    typeof (error as { code?: unknown } | null)?.code === "string" &&
    (error as FastifyError).code.startsWith("FST_")
  );
}

/** Maps anything thrown below the routes to the one error type. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(root)",
      message: v.message ?? "invalid",
    }));
    return new AppError("INVALID_INPUT", `invalid ${error.validationContext ?? "input"}`, { issues });
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 413) return new AppError("PAYLOAD_TOO_LARGE", message);
  if (status === 415)
    return new AppError("INVALID_INPUT", "send the body as application/json", {
      issues: [{ path: "content-type", message }],
    });
  if (status === 404) return new AppError("NOT_FOUND", message);
  if (typeof status === "number" && status >= 400 && status < 500)
    return new AppError(
      error instanceof SyntaxError || /JSON/i.test(message) ? "INVALID_JSON" : "INVALID_INPUT",
      message,
      {
        issues: [{ path: "(root)", message }],
      },
    );
  return new AppError("INTERNAL", "internal error", { cause: error });
}
