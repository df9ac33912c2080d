/**
 * `lightswitch.report/v1`: the published transparency report of one period. Every count is either
 * an exact number or `{ "band": "1-9" }` (see banding.ts); percentages are null where they would
 * reveal a banded count. Everything else that is published (CSV, the providers' column sets, HTML)
 * is derived from this object, so no format can show more than the JSON does.
 */
import { z } from "zod";
import { PUBLIC_EVENT_TYPES } from "../records/public-record.ts";
import { BREAKDOWNS, type Breakdown } from "./report-breakdowns.ts";

export const REPORT_FORMAT = "lightswitch.report/v1";

export const CountSchema = z
  .union([z.number().int().nonnegative(), z.strictObject({ band: z.string() })])
  .meta({ id: "ReportCount", description: 'An exact count, or a band for small counts: { "band": "1-9" }.' });

const Percent = z.number().min(0).max(100).nullable();

const KeyCountSchema = z.strictObject({ key: z.string(), cases: CountSchema });

export { BREAKDOWNS, type Breakdown };

export const StateRowSchema = z.strictObject({
  state: z.string(),
  cases: CountSchema,
  produced_content: CountSchema,
  produced_non_content: CountSchema,
  refused: CountSchema,
  pending: CountSchema,
  /** Cases asking for preservation (among other measures, possibly). */
  preservation: CountSchema,
  percent_some_data_produced: Percent,
  percent_content: Percent,
  percent_non_content: Percent,
  percent_refused: Percent,
});

export const StateInstrumentRowSchema = z.strictObject({
  state: z.string(),
  instrument: z.string(),
  cases: CountSchema,
  percent_some_data_produced: Percent,
});

export const ReportSchema = z
  .strictObject({
    format: z.literal(REPORT_FORMAT),
    period: z.strictObject({
      label: z.string(),
      kind: z.enum(["year", "half", "quarter", "month"]),
      start: z.string(),
      end: z.string(),
    }),
    /** The report counts the log's entries [0, log_size): check it against a signed checkpoint. */
    log_size: z.number().int().nonnegative(),
    banding: z.strictObject({ threshold: z.number().int().min(1), band: z.string().nullable() }),
    /** Cases first seen in the period; `sealed` ones have no public details yet. */
    cases: z.strictObject({ total: CountSchema, public: CountSchema, sealed: CountSchema }),
    /** Cases whose first event of each type fell in the period (sealed cases included). */
    events: z.array(z.strictObject({ event_type: z.enum(PUBLIC_EVENT_TYPES), cases: CountSchema })),
    /** Public cases first seen in the period, by each dimension (multi-valued ones count a case once per value). */
    breakdowns: z.strictObject(
      Object.fromEntries(BREAKDOWNS.map((b) => [b, z.array(KeyCountSchema)])) as Record<
        Breakdown,
        z.ZodArray<typeof KeyCountSchema>
      >,
    ),
    by_requesting_state: z.array(StateRowSchema),
    by_requesting_state_and_instrument: z.array(StateInstrumentRowSchema),
    over_time: z.array(z.strictObject({ month: z.string(), total: CountSchema, sealed: CountSchema })),
  })
  .meta({ id: "Report", description: "A transparency report (lightswitch.report/v1)." });

export type Report = z.infer<typeof ReportSchema>;
export type StateRow = z.infer<typeof StateRowSchema>;
