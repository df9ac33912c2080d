/**
 * JSON from the server's API. Errors carry the server's `{ error: { code, message } }` when it sent
 * one; the page shows a sentence, never a stack.
 */
import { strings } from "./strings.ts";

export class ApiError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(strings.errors.network);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(
      response.ok ? strings.errors.unexpected : strings.errors.http(response.status, response.statusText),
      response.status,
    );
  }
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new ApiError(
      strings.errors.http(response.status, typeof message === "string" ? message : response.statusText),
      response.status,
    );
  }
  return body as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
