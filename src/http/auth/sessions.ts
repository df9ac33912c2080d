/**
 * Sessions: `POST /v1/sessions` (email + password → bearer token), `DELETE /v1/sessions` (logout),
 * `GET /v1/me` (who the token belongs to). Mounted under `/v1`; needs authPlugin on the app.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ROLES } from "../../core/case/case-events.ts";
import type { UserStore } from "../../shell/users/user-store.ts";
import { authenticatedUser, bearerToken, requireRole } from "./auth.ts";
import { LoginBodySchema, LoginResponses, LogoutResponses, MeResponses } from "./sessions.types.ts";

export const sessionRoutes: FastifyPluginAsyncZod<{ users: UserStore }> = async (app, { users }) => {
  app.post(
    "/sessions",
    {
      schema: {
        summary: "Log in: a session token for a staff user",
        tags: ["auth"],
        body: LoginBodySchema,
        response: LoginResponses,
      },
    },
    async (request, reply) => {
      const session = await users.login(request.body.email, request.body.password);
      return reply.code(201).send(session);
    },
  );

  app.delete(
    "/sessions",
    {
      preHandler: requireRole(...ROLES),
      schema: { summary: "Log out: end this session", tags: ["auth"], response: LogoutResponses },
    },
    async (request, reply) => {
      const token = bearerToken(request);
      if (token !== undefined) await users.logout(token);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/me",
    { schema: { summary: "The logged-in user", tags: ["auth"], response: MeResponses } },
    async (request) => authenticatedUser(request, ROLES),
  );
};
