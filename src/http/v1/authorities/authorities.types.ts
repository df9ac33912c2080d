import { z } from "zod";
import { AUTHORITY_KINDS } from "../../../core/request/vocabulary.ts";
import { ErrorBodySchema } from "../error.types.ts";

export const AuthoritySchema = z
  .object({
    id: z.string(),
    state: z.string(),
    kind: z.string(),
    name: z.string(),
    createdAt: z.string(),
    status: z.enum(["active", "revoked"]),
    keys: z
      .array(
        z.object({ publicKey: z.string(), addedAt: z.string(), revokedAt: z.string().nullable() }).readonly(),
      )
      .readonly(),
  })
  .readonly()
  .meta({ id: "Authority" });

export const NewAuthorityBodySchema = z.strictObject({
  id: z.string().min(1).max(128),
  state: z.string().min(2).max(2),
  kind: z.enum(AUTHORITY_KINDS),
  name: z.string().min(1).max(300),
  publicKey: z.string().min(1).max(4096).describe("base64url raw 32-byte Ed25519 public key, or a PEM SPKI"),
});
export const RotateBodySchema = z.strictObject({ publicKey: z.string().min(1).max(4096) });
export const AuthorityParamsSchema = z.object({ id: z.string().min(1).max(128) });

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
export const AuthoritiesResponses = {
  200: z.object({ authorities: z.array(AuthoritySchema).readonly() }),
  ...errors,
};
export const AuthorityResponses = { 200: AuthoritySchema, 409: ErrorBodySchema, ...errors };
export const CreatedAuthorityResponses = { 201: AuthoritySchema, 409: ErrorBodySchema, ...errors };
