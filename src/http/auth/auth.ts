/**
 * Staff authentication for the API. `authPlugin` reads `Authorization: Bearer <session token>` on every
 * request and sets `request.user` (null when absent or not a live session); routes guard themselves with
 * `requireRole(...)` — 401 UNAUTHENTICATED without a user, 403 FORBIDDEN with another role.
 *
 *   await app.register(authPlugin, { users });
 *   app.get("/x", { preHandler: requireRole("auditor") }, handler);
 */
import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { AppError } from "../../core/app-error.ts";
import type { Actor, Role } from "../../core/case/case-events.ts";
import type { User, UserStore } from "../../shell/users/user-store.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated staff user, or null. Set by authPlugin. */
    user: User | null;
  }
}

export interface AuthPluginOptions {
  readonly users: UserStore;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

/** The bearer token of a request, if it carries a well-formed one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  return BEARER.exec(request.headers.authorization ?? "")?.[1];
}

const plugin: FastifyPluginAsync<AuthPluginOptions> = async (app, { users }) => {
  // Idempotent: the app may install it for all routes and caseWorkflowRoutes again for its own.
  if (app.hasRequestDecorator("user")) return;
  app.decorateRequest("user", null);
  app.addHook("onRequest", async (request) => {
    const token = bearerToken(request);
    request.user = token === undefined ? null : ((await users.userForToken(token)) ?? null);
  });
};
// Not encapsulated (what fastify-plugin does): the hook and decorator apply to every route of the app.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;
export const authPlugin = plugin;

/** A preHandler that lets through only users with one of `roles`. */
export function requireRole(...roles: readonly Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    authenticatedUser(request, roles);
  };
}

/** The request's user, checked against `roles`; throws UNAUTHENTICATED / FORBIDDEN. */
export function authenticatedUser(request: FastifyRequest, roles: readonly Role[]): User {
  const user = request.user;
  if (user === null)
    throw new AppError(
      "UNAUTHENTICATED",
      "log in first: send Authorization: Bearer <token> from POST /v1/sessions",
    );
  if (!roles.includes(user.role))
    throw new AppError("FORBIDDEN", `this needs the role ${roles.join(" or ")}; you are ${user.role}`);
  return user;
}

/** The case workflow's actor for a user. */
export function actorOf(user: User): Actor {
  return { kind: "user", user_id: user.user_id, role: user.role };
}
