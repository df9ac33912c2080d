/**
 * `lightswitch report`: transparency reports from the public log.
 *   report --period 2026H1 [--format json|csv|html|google|meta|microsoft] [--threshold 10] [--out FILE]
 *   report --site DIR [--threshold 10]      every year and half year as a static site
 *   --rebuild-index                         recount the whole log first
 * `--json` is `--format json`. Counts from 1 to threshold−1 are banded ("1-9"); --threshold 1
 * publishes exact counts. Exit codes: 0 done, 2 invalid input (each error names its option).
 */
import { writeFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { AppError } from "../../core/app-error.ts";
import { DEFAULT_BAND_THRESHOLD } from "../../core/reports/banding.ts";
import { reportCsv } from "../../core/reports/csv.ts";
import { PEER_FORMATS, type PeerFormat, peerCsv } from "../../core/reports/peer-columns.ts";
import { parsePeriod } from "../../core/reports/period.ts";
import { ReportError } from "../../core/reports/report-error.ts";
import type { Report } from "../../core/reports/report-schema.ts";
import { openDataDatabase } from "../../shell/log/open-log.ts";
import { renderReportHtml } from "../../shell/reports/html-report.ts";
import { ReportIndex } from "../../shell/reports/report-index.ts";
import { writeReportSite } from "../../shell/reports/static-site.ts";
import { failWith } from "../fail.ts";

export const REPORT_FORMATS = ["json", "csv", "html", ...PEER_FORMATS] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportOptions {
  period?: string;
  site?: string;
  format?: string;
  json?: boolean;
  threshold: string;
  out?: string;
  data: string;
  databaseUrl?: string;
  rebuildIndex?: boolean;
}

function invalid(option: string, message: string): AppError {
  return new AppError("INVALID_INPUT", message, { issues: [{ path: option, message }] });
}

function render(report: Report, format: ReportFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "csv":
      return reportCsv(report);
    case "html":
      return renderReportHtml(report, {
        json: `${report.period.label}.json`,
        csv: `${report.period.label}.csv`,
        peers: Object.fromEntries(PEER_FORMATS.map((f) => [f, `${report.period.label}.${f}.csv`])) as Record<
          PeerFormat,
          string
        >,
      });
    case "google":
    case "meta":
    case "microsoft":
      return peerCsv(report, format);
  }
}

/** Checks the options before anything is opened; every problem names its option. */
function parseOptions(options: ReportOptions): { format: ReportFormat; threshold: number } {
  if ((options.period === undefined) === (options.site === undefined))
    throw invalid("--period", "give --period (one report) or --site DIR (every period), not both");
  const format = options.format ?? "json";
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw invalid("--format", `--format must be one of ${REPORT_FORMATS.join(", ")}, got "${format}"`);
  if (options.json === true && format !== "json")
    throw invalid("--json", `--json is --format json: give one of --json, --format ${format}`);
  if (!/^[1-9][0-9]{0,6}$/.test(options.threshold))
    throw invalid(
      "--threshold",
      `--threshold must be a whole number from 1 (exact counts), got "${options.threshold}"`,
    );
  return { format: format as ReportFormat, threshold: Number(options.threshold) };
}

/** Brings the index up to date, with a progress bar on a terminal when there is a backlog. */
async function catchUpWithProgress(index: ReportIndex): Promise<void> {
  let bar: SingleBar | undefined;
  await index.catchUp({
    onProgress: (covered, logSize) => {
      if (bar === undefined && process.stderr.isTTY === true && logSize - covered > 50_000) {
        bar = new SingleBar({ format: "indexing the log [{bar}] {value}/{total} entries", hideCursor: true });
        bar.start(logSize, covered);
      }
      bar?.update(covered);
    },
  });
  bar?.stop();
}

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description(
      "Transparency reports from the public log: counts by period, state, instrument, measure, verdict",
    )
    .option("--period <period>", "2026, 2026H1, 2026Q3 or 2026-05")
    .option("--format <format>", `output: ${REPORT_FORMATS.join(", ")} (default: json)`)
    .option("--json", "same as --format json")
    .option("--site <dir>", "write every year and half year as a static site into DIR")
    .option(
      "--threshold <n>",
      "counts from 1 to n-1 are shown as a band; 1 = exact",
      String(DEFAULT_BAND_THRESHOLD),
    )
    .option("--out <file>", "write to FILE instead of stdout")
    .option("--rebuild-index", "recount the whole log (after an upgrade that changes how cases are counted)")
    .option("--data <dir>", "data directory (the embedded store)", "./data")
    .option("--database-url <url>", "PostgreSQL URL instead of the SQLite file in --data")
    .action(async (options: ReportOptions) => {
      // Errors as JSON only when JSON was asked for by name.
      const json = options.json === true || options.format === "json";
      try {
        const { format, threshold } = parseOptions(options);
        const period = options.period === undefined ? undefined : parsePeriod(options.period);
        const databaseUrl =
          options.databaseUrl ?? process.env["LIGHTSWITCH_DATABASE_URL"] ?? process.env["DATABASE_URL"];
        const database = await openDataDatabase(
          databaseUrl === undefined ? { data: options.data } : { data: options.data, databaseUrl },
        );
        try {
          const index = new ReportIndex(database.db, database.dialect);
          if (options.rebuildIndex === true) await index.clear();
          await catchUpWithProgress(index);
          if (options.site !== undefined) {
            const periods = await writeReportSite(options.site, index, { threshold });
            console.error(
              `wrote ${periods.length} periods to ${options.site}: ${periods.join(", ") || "(none)"}`,
            );
            return;
          }
          const output = render(await index.report(period!, threshold), format);
          if (options.out === undefined) process.stdout.write(output);
          else writeFileSync(options.out, output);
        } finally {
          await database.close();
        }
      } catch (error) {
        failWith(
          error instanceof ReportError
            ? invalid(error.code === "PERIOD_INVALID" ? "--period" : "--threshold", error.message)
            : error,
          json,
        );
      }
    });
}
