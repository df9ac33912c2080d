import { z } from "zod";
import { ROLES } from "../../../core/case/case-events.ts";
import { UserSchema } from "../../auth/sessions.types.ts";
import { ErrorBodySchema } from "../error.types.ts";

export const NewUserBodySchema = z.strictObject({
  name: z.string().min(1).max(200),
  email: z.string().min(3).max(254),
  role: z.enum(ROLES),
  password: z.string().min(1).max(1024).describe("at least 12 characters; stored only as an argon2id hash"),
});

export const UserParamsSchema = z.object({ id: z.string().min(1).max(200) });
export const AssignmentParamsSchema = z.object({
  id: z.string().min(1).max(200),
  caseId: z.string().min(1).max(200),
});

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const UsersResponses = { 200: z.object({ users: z.array(UserSchema) }), ...errors };
export const CreateUserResponses = { 201: UserSchema, 409: ErrorBodySchema, ...errors };
export const DisableUserResponses = { 200: UserSchema, ...errors };
export const AssignmentResponses = {
  200: z.object({ case_id: z.string(), assignees: z.array(z.string()) }).meta({ id: "Assignment" }),
  ...errors,
};
