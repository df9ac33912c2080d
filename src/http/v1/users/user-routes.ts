/**
 * User administration (admins only), mounted under `/v1`:
 *
 *   GET    /v1/users                          list users
 *   POST   /v1/users                          create a user (password hashed with argon2id)
 *   POST   /v1/users/:id/disable              disable a user and end their sessions
 *   PUT    /v1/users/:id/cases/:caseId        assign a case (need-to-know)
 *   DELETE /v1/users/:id/cases/:caseId        unassign it
 *
 * Admins manage people and assignments; they never read a case's personal data.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { UserStore } from "../../../shell/users/user-store.ts";
import { authenticatedUser, requireRole } from "../../auth/auth.ts";
import {
  AssignmentParamsSchema,
  AssignmentResponses,
  CreateUserResponses,
  DisableUserResponses,
  NewUserBodySchema,
  UserParamsSchema,
  UsersResponses,
} from "./users.types.ts";

export const userRoutes: FastifyPluginAsyncZod<{ users: UserStore }> = async (app, { users }) => {
  const adminOnly = requireRole("admin");

  app.get(
    "/users",
    {
      preHandler: adminOnly,
      schema: { summary: "List users (admins)", tags: ["users"], response: UsersResponses },
    },
    async () => ({ users: await users.list() }),
  );

  app.post(
    "/users",
    {
      preHandler: adminOnly,
      schema: {
        summary: "Create a user (admins)",
        tags: ["users"],
        body: NewUserBodySchema,
        response: CreateUserResponses,
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(request.body)),
  );

  app.post(
    "/users/:id/disable",
    {
      preHandler: adminOnly,
      schema: {
        summary: "Disable a user and end their sessions (admins)",
        tags: ["users"],
        params: UserParamsSchema,
        response: DisableUserResponses,
      },
    },
    async (request) => {
      await users.get(request.params.id);
      return users.disable(request.params.id);
    },
  );

  app.put(
    "/users/:id/cases/:caseId",
    {
      preHandler: adminOnly,
      schema: {
        summary: "Assign a case to a case worker or authoriser (admins)",
        tags: ["users"],
        params: AssignmentParamsSchema,
        response: AssignmentResponses,
      },
    },
    async (request) => {
      const admin = authenticatedUser(request, ["admin"]);
      await users.assign(request.params.caseId, request.params.id, admin.user_id);
      return { case_id: request.params.caseId, assignees: await users.assignees(request.params.caseId) };
    },
  );

  app.delete(
    "/users/:id/cases/:caseId",
    {
      preHandler: adminOnly,
      schema: {
        summary: "Withdraw a case from a user (admins)",
        tags: ["users"],
        params: AssignmentParamsSchema,
        response: AssignmentResponses,
      },
    },
    async (request) => {
      await users.unassign(request.params.caseId, request.params.id);
      return { case_id: request.params.caseId, assignees: await users.assignees(request.params.caseId) };
    },
  );
};
