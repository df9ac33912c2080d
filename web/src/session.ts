/**
 * The staff session: the bearer token from `POST /v1/sessions`, kept in sessionStorage (gone when the
 * tab closes, never shared with other tabs or sent as a cookie), and the API calls that carry it. A 401
 * from the server ends the session here too, so an expired token leads back to the sign-in page.
 */
import { useSyncExternalStore } from "react";
import { ApiError } from "./api.ts";
import type { Role, Session } from "./case-types.ts";
import { strings } from "./strings.ts";

const KEY = "lightswitch.session";
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

/** The stored session, or null (none, unreadable, or expired). */
export function currentSession(): Session | null {
  let raw: string | null;
  try {
    raw = window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
  if (raw !== cached.raw) cached = { raw, session: parseSession(raw) };
  const session = cached.session;
  return session !== null && Date.parse(session.expires_at) > Date.now() ? session : null;
}

// Storage is readable by any script of this origin: parse it as untrusted, like any input.
function parseSession(raw: string | null): Session | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session> | null;
    if (typeof value?.token !== "string" || typeof value.expires_at !== "string") return null;
    if (typeof value.user?.role !== "string" || typeof value.user.user_id !== "string") return null;
    return value as Session;
  } catch {
    return null;
  }
}

function store(session: Session | null): void {
  try {
    if (session === null) window.sessionStorage.removeItem(KEY);
    else window.sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage disabled: the session lasts as long as this page.
  }
  cached = { raw: session === null ? null : JSON.stringify(session), session };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession);
}

/** Whether the session's user has one of `roles`. */
export function hasRole(session: Session | null, roles: readonly Role[]): boolean {
  return session !== null && roles.includes(session.user.role);
}

/** Signs in; throws ApiError with the server's reason (wrong password, too many tries). */
export async function signIn(email: string, password: string): Promise<Session> {
  const session = await staffFetch<Session>("/v1/sessions", {
    method: "POST",
    body: { email, password },
    anonymous: true,
  });
  store(session);
  return session;
}

/** Ends the session on the server (best effort) and here. */
export async function signOut(): Promise<void> {
  const session = currentSession();
  store(null);
  if (session === null) return;
  try {
    await fetch("/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${session.token}` } });
  } catch {
    // Offline: the token expires on its own; it is already gone from this browser.
  }
}

/** A field the server named in a 400 (`{ error: { issues: [{ path, message }] } }`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** An API error with the server's code and the fields it named. */
export class StaffApiError extends ApiError {
  readonly code: string | undefined;
  readonly issues: readonly FieldIssue[];
  constructor(
    message: string,
    status: number | undefined,
    code?: string,
    issues: readonly FieldIssue[] = [],
  ) {
    super(message, status);
    this.name = "StaffApiError";
    this.code = code;
    this.issues = issues;
  }
}

export interface StaffFetchOptions {
  readonly method?: "GET" | "POST" | "PUT" | "DELETE";
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /** Send no token (signing in). */
  readonly anonymous?: boolean;
}

/** JSON from the staff API with the session's token; errors as StaffApiError, a 401 signs out. */
export async function staffFetch<T>(url: string, options: StaffFetchOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const session = options.anonymous ? null : currentSession();
  if (session !== null) headers["authorization"] = `Bearer ${session.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "GET",
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new StaffApiError(strings.errors.network, undefined);
  }
  if (response.status === 204) return undefined as T;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new StaffApiError(
      response.ok ? strings.errors.unexpected : strings.errors.http(response.status, response.statusText),
      response.status,
    );
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
    const message = typeof error?.message === "string" ? error.message : response.statusText;
    const issues = Array.isArray(error?.issues)
      ? error.issues.filter(
          (i): i is FieldIssue => typeof i?.path === "string" && typeof i?.message === "string",
        )
      : [];
    if (response.status === 401 && !options.anonymous) store(null);
    throw new StaffApiError(
      strings.errors.http(response.status, message),
      response.status,
      typeof error?.code === "string" ? error.code : undefined,
      issues,
    );
  }
  return body as T;
}
