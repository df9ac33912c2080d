/**
 * The breakdowns a transparency report counts cases by (report-schema.ts). Kept apart from the schema,
 * free of zod, so that the web console imports the same list rather than a copy.
 */
export const BREAKDOWNS = [
  "requesting_state",
  "requested_state",
  "party",
  "instrument",
  "conduct",
  "measure",
  "verdict",
  "refusal_ground",
  "outcome",
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
