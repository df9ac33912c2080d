/**
 * The transparency report as one self-contained HTML page: the headline counts, inline-SVG bar
 * charts drawn by hand (by requesting state, instrument, measure, verdict, refusal ground, and month
 * by month with the sealed share), the per-country table, and links to the same report as JSON, CSV
 * and the providers' column sets. Banded counts are drawn as an outlined bar up to the band's top
 * and labelled with the band, never as a guessed number. Everything interpolated is escaped; the
 * page loads nothing from the network.
 */
import { type Count, countText } from "../../core/reports/banding.ts";
import {
  countryName,
  instrumentName,
  PEER_FILE_NAMES,
  PEER_FORMATS,
  type PeerFormat,
} from "../../core/reports/peer-columns.ts";
import type { Breakdown, Report } from "../../core/reports/report-schema.ts";
import { escapeHtml } from "../simulate/html-report.ts";

export interface ReportLinks {
  readonly json: string;
  readonly csv: string;
  readonly peers: Readonly<Record<PeerFormat, string>>;
  /** Back to the list of periods, if any. */
  readonly index?: string;
}

/** Links for a report published in its own folder (the static site's layout). */
export const FOLDER_LINKS: ReportLinks = {
  json: "report.json",
  csv: "report.csv",
  peers: PEER_FILE_NAMES,
  index: "../index.html",
};

const CHARTS: ReadonlyArray<{ breakdown: Breakdown; title: string }> = [
  { breakdown: "requesting_state", title: "Requesting state" },
  { breakdown: "instrument", title: "Instrument invoked" },
  { breakdown: "measure", title: "Measures asked for" },
  { breakdown: "verdict", title: "Verdict of the assessment" },
  { breakdown: "refusal_ground", title: "Refusal grounds" },
  { breakdown: "outcome", title: "How it was answered" },
];
const MAX_BARS = 25;
const PEER_TITLES: Record<PeerFormat, string> = {
  google: "Google “User Data Requests” columns",
  meta: "Meta “Requests for User Data” columns",
  microsoft: "Microsoft law-enforcement report columns",
};

/** The length to draw: the count, or the band's upper end for a band. */
function drawnSize(count: Count): { size: number; isBand: boolean } {
  if (typeof count === "number") return { size: count, isBand: false };
  const top = Number(count.band.split("-").at(-1));
  return { size: Number.isFinite(top) ? top : 1, isBand: true };
}

function label(breakdown: Breakdown, key: string): string {
  switch (breakdown) {
    case "requesting_state":
    case "requested_state":
      return `${countryName(key)} (${key})`;
    case "instrument":
      return instrumentName(key);
    default:
      return key.replaceAll("_", " ");
  }
}

function barChart(title: string, rows: ReadonlyArray<{ label: string; cases: Count }>): string {
  const shown = rows.slice(0, MAX_BARS);
  if (shown.length === 0)
    return `<figure><figcaption>${escapeHtml(title)}</figcaption><p class="none">No public cases.</p></figure>`;
  const max = Math.max(1, ...shown.map((r) => drawnSize(r.cases).size));
  const rowHeight = 20;
  const labelWidth = 230;
  const barWidth = 380;
  const height = shown.length * rowHeight + 4;
  const bars = shown
    .map((row, i) => {
      const { size, isBand } = drawnSize(row.cases);
      const y = i * rowHeight + 2;
      const width = Math.max(1, Math.round((size / max) * barWidth));
      const bar = isBand
        ? `<rect x="${labelWidth}" y="${y}" width="${width}" height="${rowHeight - 6}" fill="none" stroke="#1565c0" stroke-dasharray="3 2"/>`
        : `<rect x="${labelWidth}" y="${y}" width="${width}" height="${rowHeight - 6}" fill="#1565c0"/>`;
      return `<text x="${labelWidth - 6}" y="${y + 11}" text-anchor="end">${escapeHtml(row.label)}</text>${bar}<text x="${labelWidth + width + 4}" y="${y + 11}">${escapeHtml(countText(row.cases))}</text>`;
    })
    .join("");
  const more =
    rows.length > shown.length
      ? `<p class="more">and ${rows.length - shown.length} more in the CSV.</p>`
      : "";
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 60}" height="${height}" font-size="12">${bars}</svg>${more}</figure>`;
}

function overTimeChart(report: Report): string {
  const months = report.over_time;
  const max = Math.max(1, ...months.map((m) => drawnSize(m.total).size));
  const columnWidth = 44;
  const plotHeight = 160;
  const bars = months
    .map((m, i) => {
      const x = i * columnWidth + 8;
      const total = drawnSize(m.total);
      const sealed = drawnSize(m.sealed);
      const h = Math.round((total.size / max) * plotHeight);
      const hs = Math.min(h, Math.round((sealed.size / max) * plotHeight));
      const style = total.isBand ? 'fill="none" stroke="#1565c0" stroke-dasharray="3 2"' : 'fill="#1565c0"';
      const sealedStyle = sealed.isBand
        ? 'fill="none" stroke="#424242" stroke-dasharray="3 2"'
        : 'fill="#424242"';
      return `<rect x="${x}" y="${plotHeight - h + 16}" width="${columnWidth - 12}" height="${h}" ${style}/><rect x="${x}" y="${plotHeight - hs + 16}" width="${columnWidth - 12}" height="${hs}" ${sealedStyle}/><text x="${x}" y="${plotHeight - h + 12}">${escapeHtml(countText(m.total))}</text><text x="${x}" y="${plotHeight + 30}">${escapeHtml(m.month.slice(2))}</text>`;
    })
    .join("");
  return `<figure><figcaption>Cases by month received (dark: still sealed)</figcaption><svg role="img" aria-label="Cases by month" width="${months.length * columnWidth + 16}" height="${plotHeight + 36}" font-size="11">${bars}</svg></figure>`;
}

function stateTable(report: Report): string {
  const cell = (c: Count) => `<td>${escapeHtml(countText(c))}</td>`;
  const percent = (p: number | null) => `<td>${p === null ? "" : `${p.toFixed(2)}%`}</td>`;
  const rows = report.by_requesting_state
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(label("requesting_state", s.state))}</th>${cell(s.cases)}${cell(s.produced_content)}${cell(s.produced_non_content)}${cell(s.refused)}${cell(s.pending)}${percent(s.percent_some_data_produced)}</tr>`,
    )
    .join("");
  return `<table><thead><tr><th>Requesting state</th><th>Cases</th><th>Content produced</th><th>Non-content produced</th><th>Refused</th><th>Pending</th><th>Some data produced</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The whole page. */
export function renderReportHtml(report: Report, links: ReportLinks): string {
  const title = `Transparency report ${report.period.label}`;
  const { banding } = report;
  const bandNote =
    banding.band === null
      ? "Counts are exact."
      : `Counts from 1 to ${banding.threshold - 1} are shown as “${banding.band}”, so that small numbers cannot point at a person; percentages that would reveal such a count are left out.`;
  const events = report.events
    .map(
      (e) =>
        `<tr><th scope="row">${escapeHtml(e.event_type.replaceAll("_", " "))}</th><td>${escapeHtml(countText(e.cases))}</td></tr>`,
    )
    .join("");
  const charts = CHARTS.map(({ breakdown, title: chartTitle }) =>
    barChart(
      chartTitle,
      report.breakdowns[breakdown].map((r) => ({ label: label(breakdown, r.key), cases: r.cases })),
    ),
  ).join("");
  const peerLinks = PEER_FORMATS.map(
    (f) => `<li><a href="${escapeHtml(links.peers[f])}">${escapeHtml(PEER_TITLES[f])}</a></li>`,
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#212121}
table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:right}
th[scope=row],thead th:first-child{text-align:left}figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.4rem}
.headline{display:flex;gap:2rem}.headline div{font-size:1.6rem}.headline span{display:block;font-size:.8rem;color:#616161}
.none,.more{color:#616161}
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Requests for electronic evidence first received from ${escapeHtml(report.period.start)} to ${escapeHtml(report.period.end)}, counted from the public log's first ${report.log_size} entries. A case counts once, whatever the number of its events. Sealed cases count in the totals only, until their details are disclosed. ${escapeHtml(bandNote)}</p>
<p>Download: <a href="${escapeHtml(links.json)}">JSON</a> · <a href="${escapeHtml(links.csv)}">CSV</a>${links.index === undefined ? "" : ` · <a href="${escapeHtml(links.index)}">all periods</a>`}</p>
<div class="headline"><div>${escapeHtml(countText(report.cases.total))}<span>cases</span></div><div>${escapeHtml(countText(report.cases.public))}<span>with public details</span></div><div>${escapeHtml(countText(report.cases.sealed))}<span>still sealed</span></div></div>
${overTimeChart(report)}
<h2>What is being asked, by whom</h2>
${charts}
<h2>By requesting state</h2>
${stateTable(report)}
<h2>Events in the period</h2>
<p>Cases whose event of each kind first happened in the period, sealed cases included.</p>
<table><tbody>${events}</tbody></table>
<h2>In the providers' formats</h2>
<p>The same counts in the columns providers publish, for scripts written for their reports. Columns the public log cannot fill (accounts specified, accounts preserved, no data found) are empty.</p>
<ul>${peerLinks}</ul>
</body></html>
`;
}
