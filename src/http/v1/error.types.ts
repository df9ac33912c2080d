/** The one error body every /v1 route returns (AppError.toJSON), for the OpenAPI document. */
import { z } from "zod";
import { HTTP_STATUS } from "../../core/app-error.ts";

export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(HTTP_STATUS) as [keyof typeof HTTP_STATUS, ...(keyof typeof HTTP_STATUS)[]]),
      message: z.string(),
      issues: z.array(FieldIssueSchema),
    }),
  })
  .meta({ id: "Error", description: "{ error: { code, message, issues: [{ path, message }] } }" });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
