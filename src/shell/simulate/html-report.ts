/**
 * The self-contained HTML report of a simulation: per profile an inline-SVG stacked bar chart of verdicts
 * for abusive vs legitimate scenarios (drawn by hand — no charting library), the scenario × profile matrix
 * whose every cell links to that assessment's findings further down the page, and the corpus' sources.
 * Everything interpolated is escaped; the page loads nothing from the network.
 */
import { type Assessment, VERDICTS, type Verdict } from "../../core/assess/assessment.ts";
import type { Scenario, ScenarioLabel } from "../../core/scenario/scenario-schema.ts";
import { COUNT_KEY_OF_VERDICT, type Simulation, type VerdictCounts } from "../../core/scenario/simulation.ts";

export interface HtmlReportInput {
  readonly simulation: Simulation;
  readonly scenarios: readonly Scenario[];
  readonly assessments: ReadonlyMap<string, ReadonlyMap<string, Assessment>>;
  /** Shown in the header, e.g. the knowledge-base version; the report itself reads no clock. */
  readonly subtitle?: string;
}

const COLOUR: Record<Verdict, string> = {
  execute: "#2e7d32",
  partial: "#9ccc65",
  review: "#ffb300",
  consult: "#7e57c2",
  incomplete: "#9e9e9e",
  refuse: "#c62828",
};

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** The anchor of one assessment's findings. */
export function assessmentAnchor(scenario: string, profile: string): string {
  return `a-${scenario}--${profile}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

export function renderHtml(input: HtmlReportInput): string {
  const { simulation } = input;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Lightswitch simulation: ${simulation.results.length} scenarios × ${simulation.profiles.length} profiles</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222}
h1,h2,h3{line-height:1.2}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure.chart{margin:0;border:1px solid #ddd;padding:.5rem;border-radius:4px}
figcaption{font-weight:600;margin-bottom:.25rem}
table.matrix{border-collapse:collapse;font-size:12px}
.matrix th,.matrix td{border:1px solid #ddd;padding:2px 6px;text-align:left}
.matrix td.v a{color:#fff;text-decoration:none;display:block}
.label-abusive{color:#b71c1c}.label-legitimate{color:#1b5e20}
section.assessment{border-top:1px solid #eee;padding:.5rem 0}
.finding{margin:.25rem 0 .5rem 1rem}
.muted{color:#777}
${VERDICTS.map((v) => `.v-${v}{background:${COLOUR[v]}}`).join("\n")}
</style>
</head>
<body>
<h1>Lightswitch treaty comparison</h1>
<p>${simulation.results.length} scenarios (${countLabel(simulation, "abusive")} abusive, ${countLabel(simulation, "legitimate")} legitimate) assessed under ${simulation.profiles.length} profiles.${input.subtitle ? ` ${escapeHtml(input.subtitle)}` : ""}</p>
<p class="muted">A scenario is labelled by what it is — a persecution of protected conduct (abusive) or a genuine crime (legitimate) — not by what any profile decides. Click a cell of the matrix to see the findings and citations behind it.</p>
<h2 id="charts">Verdicts per profile</h2>
<div class="charts">
${simulation.profiles.map((profile) => renderChart(profile, simulation.summary[profile])).join("\n")}
</div>
${renderLegend()}
<h2 id="matrix">Scenario × profile</h2>
${renderMatrix(input)}
<h2 id="findings">Findings</h2>
${renderFindings(input)}
<h2 id="sources">Sources of the corpus</h2>
${renderSources(input.scenarios)}
</body>
</html>
`;
}

function countLabel(simulation: Simulation, label: ScenarioLabel): number {
  return simulation.results.filter((r) => r.label === label).length;
}

function renderLegend(): string {
  const items = VERDICTS.map(
    (v, i) =>
      `<rect x="${i * 110}" y="2" width="12" height="12" fill="${COLOUR[v]}"/><text x="${i * 110 + 16}" y="13" font-size="12">${v}</text>`,
  ).join("");
  return `<svg class="legend" role="img" aria-label="legend" width="${VERDICTS.length * 110}" height="18" xmlns="http://www.w3.org/2000/svg">${items}</svg>`;
}

/** Two horizontal bars (abusive, legitimate), each split into verdict segments proportional to counts. */
function renderChart(
  profile: string,
  byLabel: Readonly<Record<ScenarioLabel, VerdictCounts>> | undefined,
): string {
  const width = 360;
  const barX = 80;
  const barWidth = width - barX - 10;
  const rows: ScenarioLabel[] = ["abusive", "legitimate"];
  const bars = rows
    .map((label, row) => {
      const counts = byLabel?.[label];
      const y = 10 + row * 34;
      let x = barX;
      const segments: string[] = [];
      for (const verdict of VERDICTS) {
        const n = counts?.[COUNT_KEY_OF_VERDICT[verdict]] ?? 0;
        if (n === 0 || counts === undefined || counts.total === 0) continue;
        const w = (n / counts.total) * barWidth;
        segments.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="24" fill="${COLOUR[verdict]}"><title>${label}: ${n} ${verdict}</title></rect>` +
            (w >= 18
              ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 16}" font-size="11" fill="#fff" text-anchor="middle">${n}</text>`
              : ""),
        );
        x += w;
      }
      return `<text x="0" y="${y + 16}" font-size="12">${label} (${counts?.total ?? 0})</text>${segments.join("")}`;
    })
    .join("");
  return `<figure class="chart" data-profile="${escapeHtml(profile)}"><figcaption>${escapeHtml(profile)}</figcaption><svg role="img" aria-label="verdicts under ${escapeHtml(profile)}" width="${width}" height="80" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

function renderMatrix({ simulation, scenarios }: HtmlReportInput): string {
  const titles = new Map(scenarios.map((s) => [s.name, s.document]));
  const head = `<tr><th>scenario</th><th>label</th>${simulation.profiles.map((p) => `<th>${escapeHtml(p)}</th>`).join("")}</tr>`;
  const body = simulation.results
    .map((result) => {
      const doc = titles.get(result.scenario);
      const cells = simulation.profiles
        .map((profile) => {
          const verdict = result.verdicts[profile];
          if (verdict === undefined) return "<td></td>";
          return `<td class="v v-${verdict}"><a href="#${assessmentAnchor(result.scenario, profile)}">${verdict}</a></td>`;
        })
        .join("");
      const hard = doc?.hard === true ? ' <span class="muted">(hard)</span>' : "";
      return `<tr><td><a href="#s-${escapeHtml(result.scenario)}" title="${escapeHtml(doc?.title ?? "")}">${escapeHtml(result.scenario)}</a>${hard}</td><td class="label-${result.label}">${result.label}</td>${cells}</tr>`;
    })
    .join("\n");
  return `<table class="matrix">\n${head}\n${body}\n</table>`;
}

function renderFindings({ simulation, assessments, scenarios }: HtmlReportInput): string {
  const titles = new Map(scenarios.map((s) => [s.name, s.document.title]));
  const sections: string[] = [];
  for (const result of simulation.results) {
    for (const profile of simulation.profiles) {
      const assessment = assessments.get(result.scenario)?.get(profile);
      if (assessment === undefined) continue;
      const relevant = assessment.findings.filter((f) => f.outcome !== "not_applicable");
      const skipped = assessment.findings.length - relevant.length;
      const findings = relevant
        .map((finding) => {
          const citations = finding.citations
            .map((c) => {
              const text = `${escapeHtml(c.instrument)} art. ${escapeHtml(c.article)}`;
              return c.url ? `<a href="${escapeHtml(c.url)}">${text}</a>` : text;
            })
            .join("; ");
          return `<div class="finding"><strong>${escapeHtml(finding.rule)}</strong> — ${finding.outcome}, effect ${finding.effect}${finding.measures ? ` (${finding.measures.map(escapeHtml).join(", ")})` : ""}<br>${escapeHtml(finding.explanation)}${citations ? `<br><span class="muted">Cites: ${citations}</span>` : ""}</div>`;
        })
        .join("");
      const measures = assessment.measures.map((m) => `${m.type}: ${m.verdict}`).join(", ");
      sections.push(
        `<section class="assessment" id="${assessmentAnchor(result.scenario, profile)}"><h3>${escapeHtml(result.scenario)} under ${escapeHtml(profile)}: <span class="v-${assessment.verdict}" style="color:#fff;padding:0 4px">${assessment.verdict}</span></h3><p class="muted">${escapeHtml(titles.get(result.scenario) ?? "")} — measures: ${escapeHtml(measures)}${skipped > 0 ? `; ${skipped} rule(s) not applicable` : ""}. <a href="#matrix">back to the matrix</a></p>${findings}</section>`,
      );
    }
  }
  return sections.join("\n");
}

function renderSources(scenarios: readonly Scenario[]): string {
  const items = scenarios
    .map(({ name, document }) => {
      const sources = document.sources
        .map((s) =>
          s.url
            ? `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a></li>`
            : `<li>${escapeHtml(s.title)}</li>`,
        )
        .join("");
      return `<li id="s-${escapeHtml(name)}"><strong>${escapeHtml(document.title)}</strong> <span class="label-${document.label}">(${document.label}${document.hard ? ", hard" : ""})</span><br>${escapeHtml(document.summary)}<ul>${sources}</ul></li>`;
    })
    .join("\n");
  return `<ol class="sources">\n${items}\n</ol>`;
}
