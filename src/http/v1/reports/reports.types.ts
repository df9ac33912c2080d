/** Request and response schemas of `GET /v1/reports` and `GET /v1/reports/{file}`. */
import { z } from "zod";

export const ReportFileParamsSchema = z.object({
  file: z
    .string()
    .max(64)
    .describe(
      "A period and a format: 2026H1.json (or 2026H1), 2026H1.csv, 2026H1.html, 2026H1.google.csv, 2026H1.meta.csv, 2026H1.microsoft.csv; periods are 2026, 2026H1, 2026Q3 or 2026-05",
    ),
});

export const ReportListSchema = z
  .object({
    periods: z.array(
      z.object({
        period: z.string(),
        json: z.string(),
        csv: z.string(),
        html: z.string(),
        google: z.string(),
        meta: z.string(),
        microsoft: z.string(),
      }),
    ),
  })
  .meta({ id: "ReportList", description: "Every year and half year with data, newest first, with links." });

/** The formats a report file can be asked in, by file-name suffix. */
export const REPORT_SUFFIXES = {
  ".json": "json",
  ".csv": "csv",
  ".html": "html",
  ".google.csv": "google",
  ".meta.csv": "meta",
  ".microsoft.csv": "microsoft",
} as const;
export type ReportFileFormat = (typeof REPORT_SUFFIXES)[keyof typeof REPORT_SUFFIXES];
