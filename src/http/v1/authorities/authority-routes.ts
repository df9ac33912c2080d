/**
 * The key directory of requesting authorities over the API (issue 4: "the same over the API for admins"),
 * mounted under `/v1`; the CLI's `authorities` commands do the same on a data directory:
 *
 *   GET  /v1/authorities               list authorities and their keys (admins and auditors)
 *   POST /v1/authorities               add an authority with its Ed25519 public key (admins)
 *   POST /v1/authorities/:id/revoke    revoke its keys: its requests are refused from now on (admins)
 *   POST /v1/authorities/:id/rotate    replace its key; the old one is kept as revoked (admins)
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AuthorityDirectory } from "../../../shell/authorities/authority-directory.ts";
import { requireRole } from "../../auth/auth.ts";
import {
  AuthoritiesResponses,
  AuthorityParamsSchema,
  AuthorityResponses,
  CreatedAuthorityResponses,
  NewAuthorityBodySchema,
  RotateBodySchema,
} from "./authorities.types.ts";

export const authorityRoutes: FastifyPluginAsyncZod<{ directory: AuthorityDirectory }> = async (
  app,
  { directory },
) => {
  const adminOnly = requireRole("admin");
  app.get(
    "/authorities",
    {
      preHandler: requireRole("admin", "auditor"),
      schema: {
        summary: "List requesting authorities and their keys",
        tags: ["authorities"],
        response: AuthoritiesResponses,
      },
    },
    async () => ({ authorities: await directory.list() }),
  );
  app.post(
    "/authorities",
    {
      preHandler: adminOnly,
      schema: {
        summary: "Add a requesting authority with its Ed25519 public key",
        tags: ["authorities"],
        body: NewAuthorityBodySchema,
        response: CreatedAuthorityResponses,
      },
    },
    async (request, reply) => reply.code(201).send(await directory.add(request.body)),
  );
  app.post(
    "/authorities/:id/revoke",
    {
      preHandler: adminOnly,
      schema: {
        summary: "Revoke an authority's keys",
        tags: ["authorities"],
        params: AuthorityParamsSchema,
        response: AuthorityResponses,
      },
    },
    async (request) => directory.revoke(request.params.id),
  );
  app.post(
    "/authorities/:id/rotate",
    {
      preHandler: adminOnly,
      schema: {
        summary: "Rotate an authority's key (the old key is kept, revoked)",
        tags: ["authorities"],
        params: AuthorityParamsSchema,
        body: RotateBodySchema,
        response: AuthorityResponses,
      },
    },
    async (request) => directory.rotate(request.params.id, request.body.publicKey),
  );
};
