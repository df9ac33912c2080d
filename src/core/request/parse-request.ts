/** Parsing a request from untrusted text or a value, once, at the edge. */
import { AppError } from "../app-error.ts";
import { toFieldIssues } from "../validation-issues.ts";
import { type Request, RequestSchema } from "./request-schema.ts";

/** Validates a decoded JSON value as `lightswitch.request/v1`; throws INVALID_REQUEST naming every field. */
export function parseRequest(value: unknown): Request {
  // reportInput lets messages name what was wrong with the value (its type, the nearest allowed code).
  const result = RequestSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const issues = toFieldIssues(result.error);
    throw new AppError(
      "INVALID_REQUEST",
      `the request is not a valid lightswitch.request/v1 (${issues.length} problem(s))`,
      {
        issues,
      },
    );
  }
  return result.data;
}

/** Decodes JSON text then validates it; bad JSON is INVALID_JSON. */
export function parseRequestText(text: string): Request {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("INVALID_JSON", `not valid JSON: ${(error as Error).message}`, {
      issues: [{ path: "(root)", message: (error as Error).message }],
    });
  }
  return parseRequest(value);
}
