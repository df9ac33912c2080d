/** JSON Schemas (draft 2020-12) generated from the zod validators: the published, machine-readable contracts. */
import { z } from "zod";
import { ProfileSchema } from "../../core/profiles/profile-schema.ts";
import { RequestSchema } from "../../core/request/request-schema.ts";

const BASE = "https://lightswitch.example/schemas";

function toJsonSchema(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  return {
    $id: `${BASE}/${id}`,
    title,
    ...z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any" }),
  };
}

/** File name → schema, as committed under schemas/. */
export function generatedSchemas(): Record<string, Record<string, unknown>> {
  return {
    "lightswitch.request.v1.schema.json": toJsonSchema(
      RequestSchema,
      "lightswitch.request.v1.schema.json",
      "lightswitch.request/v1",
    ),
    "lightswitch.profile.v1.schema.json": toJsonSchema(
      ProfileSchema,
      "lightswitch.profile.v1.schema.json",
      "lightswitch.profile/v1",
    ),
  };
}
