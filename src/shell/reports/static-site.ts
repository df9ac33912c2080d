/**
 * `lightswitch report --site DIR`: the reports as static files any web host can serve —
 * `index.html` listing the periods, and per period a folder (`2026/`, `2026H1/`, …) with
 * report.html, report.json, report.csv and the providers' column sets. Files are written to a
 * temporary name and renamed, so a web server never serves half a file.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countText } from "../../core/reports/banding.ts";
import { reportCsv } from "../../core/reports/csv.ts";
import { PEER_FILE_NAMES, PEER_FORMATS, peerCsv } from "../../core/reports/peer-columns.ts";
import { halvesCovering, parsePeriod, type ReportPeriod } from "../../core/reports/period.ts";
import type { Report } from "../../core/reports/report-schema.ts";
import { escapeHtml } from "../simulate/html-report.ts";
import { FOLDER_LINKS, renderReportHtml } from "./html-report.ts";
import type { ReportIndex } from "./report-index.ts";

/** The files of one period's folder, by name. */
export function reportFiles(report: Report): Record<string, string> {
  const files: Record<string, string> = {
    "report.json": `${JSON.stringify(report, null, 2)}\n`,
    "report.csv": reportCsv(report),
    "report.html": renderReportHtml(report, FOLDER_LINKS),
  };
  for (const format of PEER_FORMATS) files[PEER_FILE_NAMES[format]] = peerCsv(report, format);
  return files;
}

function writeAtomically(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

/** Every year with data, each followed by its halves with data, newest first. */
export function defaultPeriods(months: readonly string[]): ReportPeriod[] {
  const halves = halvesCovering(months);
  const years = [...new Set(halves.map((h) => h.slice(0, 4)))].sort().reverse();
  return years.flatMap((year) => [
    parsePeriod(year),
    ...halves
      .filter((h) => h.startsWith(year))
      .sort()
      .reverse()
      .map(parsePeriod),
  ]);
}

function renderIndex(reports: readonly Report[]): string {
  const rows = reports
    .map(
      (r) =>
        `<tr><th scope="row"><a href="${escapeHtml(r.period.label)}/report.html">${escapeHtml(r.period.label)}</a></th><td>${escapeHtml(countText(r.cases.total))}</td><td>${escapeHtml(countText(r.cases.sealed))}</td><td><a href="${escapeHtml(r.period.label)}/report.json">JSON</a> · <a href="${escapeHtml(r.period.label)}/report.csv">CSV</a></td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Transparency reports</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:50rem;padding:0 1rem}table{border-collapse:collapse}th,td{border-bottom:1px solid #ddd;padding:.2rem .8rem;text-align:left}</style>
</head><body><h1>Transparency reports</h1>
<p>Requests for electronic evidence, counted from the public, verifiable log: what is being asked, by whom, and how it is answered.</p>
<table><thead><tr><th>Period</th><th>Cases</th><th>Still sealed</th><th>Data</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>
`;
}

/** Catches the index up with the log, then writes the site; returns the periods written. */
export async function writeReportSite(
  dir: string,
  index: ReportIndex,
  options: { readonly threshold: number; readonly periods?: readonly ReportPeriod[] },
): Promise<string[]> {
  await index.catchUp();
  const periods = options.periods ?? defaultPeriods(await index.monthsWithData());
  const reports: Report[] = [];
  for (const period of periods) {
    const report = await index.report(period, options.threshold);
    reports.push(report);
    const folder = join(dir, period.label);
    mkdirSync(folder, { recursive: true });
    for (const [name, content] of Object.entries(reportFiles(report)))
      writeAtomically(join(folder, name), content);
  }
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, "index.html"), renderIndex(reports));
  return periods.map((p) => p.label);
}
