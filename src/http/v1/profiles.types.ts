import { z } from "zod";

export const ProfileSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  instrument: z.string().nullable(),
  description: z.string(),
});

export const ProfilesResponseSchema = z
  .object({ profiles: z.array(ProfileSummarySchema) })
  .meta({ id: "Profiles", description: "The treaty profiles a request can be assessed under." });
