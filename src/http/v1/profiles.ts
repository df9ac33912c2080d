/** `GET /v1/profiles`: the loaded treaty profiles. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ShippedLaw } from "../../shell/kb/load-shipped-law.ts";
import { ProfilesResponseSchema } from "./profiles.types.ts";

export const profilesRoute: FastifyPluginAsyncZod<{ law: ShippedLaw }> = async (app, { law }) => {
  app.get(
    "/profiles",
    {
      schema: {
        summary: "List the treaty profiles",
        tags: ["assessment"],
        response: { 200: ProfilesResponseSchema },
      },
    },
    async () => ({
      profiles: [...law.profiles.values()].map((p) => ({
        id: p.id,
        title: p.title,
        instrument: p.instrument,
        description: p.description,
      })),
    }),
  );
};
