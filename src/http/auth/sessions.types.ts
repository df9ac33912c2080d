import { z } from "zod";
import { ROLES } from "../../core/case/case-events.ts";
import { ErrorBodySchema } from "../v1/error.types.ts";

export const LoginBodySchema = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const UserSchema = z
  .object({
    user_id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    created_at: z.string(),
    disabled: z.boolean(),
  })
  .meta({ id: "User", description: "A staff user and their role" });

export const LoginResponses = {
  201: z
    .object({
      token: z.string().describe("send as Authorization: Bearer <token>"),
      expires_at: z.string(),
      user: UserSchema,
    })
    .meta({ id: "Session" }),
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  429: ErrorBodySchema,
};

export const LogoutResponses = { 204: z.null().describe("the session is ended"), 401: ErrorBodySchema };

export const MeResponses = { 200: UserSchema, 401: ErrorBodySchema };
