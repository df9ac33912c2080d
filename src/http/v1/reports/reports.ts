/**
 * Transparency reports over HTTP, public and unauthenticated:
 *   GET /v1/reports                       the periods with data, with links
 *   GET /v1/reports/2026H1(.json)         lightswitch.report/v1
 *   GET /v1/reports/2026H1.csv|.html      Lightswitch's CSV columns, the HTML page
 *   GET /v1/reports/2026H1.google.csv     (and .meta.csv, .microsoft.csv) the providers' column sets
 * The banding threshold is the operator's option, never a query parameter: a client must not be
 * able to ask for exact small counts. Mounted by the app with
 *   await app.register(reportRoutes, { prefix: "/v1", index: new ReportIndex(db, dialect) });
 */
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, HTTP_STATUS } from "../../../core/app-error.ts";
import { DEFAULT_BAND_THRESHOLD } from "../../../core/reports/banding.ts";
import { reportCsv } from "../../../core/reports/csv.ts";
import { peerCsv } from "../../../core/reports/peer-columns.ts";
import { parsePeriod, type ReportPeriod } from "../../../core/reports/period.ts";
import { ReportError } from "../../../core/reports/report-error.ts";
import { ReportSchema } from "../../../core/reports/report-schema.ts";
import { renderReportHtml } from "../../../shell/reports/html-report.ts";
import type { ReportIndex } from "../../../shell/reports/report-index.ts";
import { defaultPeriods } from "../../../shell/reports/static-site.ts";
import { ErrorBodySchema } from "../error.types.ts";
import {
  REPORT_SUFFIXES,
  type ReportFileFormat,
  ReportFileParamsSchema,
  ReportListSchema,
} from "./reports.types.ts";

export interface ReportRoutesOptions {
  readonly index: ReportIndex;
  /** Counts from 1 to threshold−1 are banded. Default 10. */
  readonly threshold?: number;
  /** How often the index catches up with the log while the app runs; 0 = only on requests. Default 1000 ms. */
  readonly indexIntervalMs?: number;
}

/** A request catches up by at most this many entries (~1 s); the background loop does the rest. */
const REQUEST_CATCH_UP = 10_000;

// Untrusted: the URL segment. Anything but a period followed by a known suffix is refused.
const FILE =
  /^(?<period>[0-9A-Za-z-]{1,16}?)(?<suffix>\.google\.csv|\.meta\.csv|\.microsoft\.csv|\.json|\.csv|\.html)?$/;

const CONTENT_TYPES: Record<ReportFileFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
  html: "text/html; charset=utf-8",
  google: "text/csv; charset=utf-8; header=present",
  meta: "text/csv; charset=utf-8; header=present",
  microsoft: "text/csv; charset=utf-8; header=present",
};

function links(label: string) {
  return {
    json: `${label}.json`,
    csv: `${label}.csv`,
    html: `${label}.html`,
    google: `${label}.google.csv`,
    meta: `${label}.meta.csv`,
    microsoft: `${label}.microsoft.csv`,
  };
}

function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.code(HTTP_STATUS[error.code]).send(error.toJSON());
}

export const reportRoutes: FastifyPluginAsyncZod<ReportRoutesOptions> = async (app, options) => {
  const { index } = options;
  const threshold = options.threshold ?? DEFAULT_BAND_THRESHOLD;
  const intervalMs = options.indexIntervalMs ?? 1000;
  if (intervalMs > 0) {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = running
        .then(() => index.catchUp())
        .catch((error: unknown) => {
          app.log.error({ err: error }, "report index could not catch up with the log");
        });
    }, intervalMs);
    timer.unref();
    app.addHook("onClose", async () => {
      clearInterval(timer);
      await running;
    });
  }

  app.get(
    "/reports",
    {
      schema: {
        summary: "List the transparency reports",
        tags: ["reports"],
        response: { 200: ReportListSchema },
      },
    },
    async (_request, reply) => {
      await index.catchUp({ maxEntries: REQUEST_CATCH_UP });
      const periods = defaultPeriods(await index.monthsWithData());
      reply.header("cache-control", "public, max-age=60");
      return {
        periods: periods.map((p) => ({ period: p.label, ...links(p.label) })),
      };
    },
  );

  app.get(
    "/reports/:file",
    {
      schema: {
        summary: "A transparency report: JSON, CSV, HTML, or a provider's CSV columns",
        description:
          "Counts of cases by requesting state, instrument, measure, conduct, verdict and refusal ground; counts below the operator's threshold are banded. The JSON is lightswitch.report/v1; the suffix picks another format.",
        tags: ["reports"],
        params: ReportFileParamsSchema,
        response: {
          // JSON is a Report; the other formats are text (CSV, HTML), sent as is.
          200: z.union([ReportSchema, z.string()]),
          400: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const match = FILE.exec(request.params.file);
      if (match?.groups === undefined)
        return sendError(
          reply,
          new AppError(
            "NOT_FOUND",
            `no report ${request.params.file}; ask for e.g. 2026H1.json or 2026H1.csv`,
          ),
        );
      const suffix = (match.groups["suffix"] ?? ".json") as keyof typeof REPORT_SUFFIXES;
      const format = REPORT_SUFFIXES[suffix];
      let period: ReportPeriod;
      try {
        period = parsePeriod(match.groups["period"] ?? "");
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        return sendError(
          reply,
          new AppError("INVALID_INPUT", error.message, {
            issues: [{ path: "period", message: error.message }],
          }),
        );
      }
      const report = await index.report(period, threshold, { maxCatchUp: REQUEST_CATCH_UP });
      reply.header("cache-control", "public, max-age=60").type(CONTENT_TYPES[format]);
      switch (format) {
        case "json":
          return report;
        case "csv":
          return reply.send(reportCsv(report));
        case "html": {
          const l = links(period.label);
          return reply.send(
            renderReportHtml(report, {
              json: l.json,
              csv: l.csv,
              peers: { google: l.google, meta: l.meta, microsoft: l.microsoft },
              index: "../reports",
            }),
          );
        }
        case "google":
        case "meta":
        case "microsoft":
          return reply.send(peerCsv(report, format));
      }
    },
  );
};
