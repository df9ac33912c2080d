/**
 * The treaty comparison: the simulator's report for the shipped corpus (GET /v1/simulation). Per
 * profile a stacked bar chart of verdicts for abusive and legitimate scenarios (Observable Plot, static
 * SVG: nothing animates), the scenario × profile matrix whose every cell opens that assessment's cited
 * findings, and the sources of every scenario.
 */
import * as Plot from "@observablehq/plot";
import { type MouseEvent, useEffect, useMemo, useRef } from "react";
import { fetchJson } from "../api.ts";
import { Citations, FindingItem } from "../components/finding-item.tsx";
import { Page } from "../components/page.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { href } from "../router.ts";
import {
  type Assessment,
  COUNT_KEY,
  type ScenarioLabel,
  type Simulation,
  type SimulationScenario,
  type SimulationScenarios,
  VERDICT_COLOUR,
  VERDICT_TEXT,
  VERDICTS,
  type VerdictCounts,
} from "../simulation-types.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";

const t = strings.treaties;
const LABELS: readonly ScenarioLabel[] = ["abusive", "legitimate"];

export interface Cell {
  readonly scenario: string;
  readonly profile: string;
}

export default function TreatyComparison({ cell }: { cell: Cell | undefined }) {
  const state = useAsync(
    async (signal) =>
      Promise.all([
        fetchJson<Simulation>("/v1/simulation", signal),
        fetchJson<SimulationScenarios>("/v1/simulation/scenarios", signal),
      ]),
    "simulation",
  );
  return (
    <Page title={t.title}>
      {state.status === "loading" ? <Loading /> : null}
      {state.status === "error" ? <ErrorMessage error={state.error} onRetry={state.retry} /> : null}
      {state.status === "ready" ? (
        <Comparison simulation={state.value[0]} corpus={state.value[1]} cell={cell} />
      ) : null}
    </Page>
  );
}

function Comparison({
  simulation,
  corpus,
  cell,
}: {
  simulation: Simulation;
  corpus: SimulationScenarios;
  cell: Cell | undefined;
}) {
  const byName = useMemo(() => new Map(corpus.scenarios.map((s) => [s.name, s])), [corpus]);
  const count = (label: ScenarioLabel) => simulation.results.filter((r) => r.label === label).length;
  return (
    <>
      <p className="lead">
        {t.intro(
          simulation.results.length,
          count("abusive"),
          count("legitimate"),
          simulation.profiles.length,
        )}
      </p>
      <p className="muted">
        {t.labelNote} {t.knowledgeBase} <code className="hash">{corpus.knowledge_base}</code>
      </p>
      <section aria-labelledby="charts-heading">
        <h2 id="charts-heading">{t.chartsHeading}</h2>
        <Legend />
        <div className="charts">
          {simulation.profiles.map((profile) => (
            <VerdictChart key={profile} profile={profile} counts={simulation.summary[profile]} />
          ))}
        </div>
      </section>
      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">{t.matrixHeading}</h2>
        <Matrix simulation={simulation} byName={byName} />
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t.sourcesHeading}</h2>
        <Sources scenarios={corpus.scenarios} />
      </section>
      {cell ? <FindingsDialog cell={cell} title={byName.get(cell.scenario)?.title} /> : null}
    </>
  );
}

function Legend() {
  return (
    <ul className="legend" aria-label={t.legend}>
      {VERDICTS.map((verdict) => (
        <li key={verdict}>
          <span className="swatch" style={{ background: VERDICT_COLOUR[verdict] }} aria-hidden="true" />
          {strings.verdicts[verdict]}
        </li>
      ))}
    </ul>
  );
}

function countsText(counts: VerdictCounts | undefined): string {
  if (counts === undefined) return "0";
  return VERDICTS.filter((v) => counts[COUNT_KEY[v]] > 0)
    .map((v) => `${counts[COUNT_KEY[v]]} ${strings.verdicts[v]}`)
    .join(", ");
}

function VerdictChart({
  profile,
  counts,
}: {
  profile: string;
  counts: Readonly<Record<ScenarioLabel, VerdictCounts>> | undefined;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const data = LABELS.flatMap((label) =>
      VERDICTS.map((verdict) => ({
        label: `${t.labels[label]} (${counts?.[label].total ?? 0})`,
        verdict,
        count: counts?.[label][COUNT_KEY[verdict]] ?? 0,
      })).filter((d) => d.count > 0),
    );
    const chart = Plot.plot({
      width: 340,
      height: 96,
      marginLeft: 104,
      marginRight: 8,
      style: { fontSize: "12px", background: "transparent" },
      ariaLabel: t.chartLabel(profile),
      x: { label: null, axis: null },
      y: { label: null, domain: LABELS.map((l) => `${t.labels[l]} (${counts?.[l].total ?? 0})`) },
      color: { domain: [...VERDICTS], range: VERDICTS.map((v) => VERDICT_COLOUR[v]) },
      marks: [
        Plot.barX(data, {
          x: "count",
          y: "label",
          fill: "verdict",
          order: [...VERDICTS],
          title: (d: { verdict: (typeof VERDICTS)[number]; count: number }) =>
            `${d.count} ${strings.verdicts[d.verdict]}`,
          inset: 0.5,
        }),
        Plot.text(
          data,
          Plot.stackX({
            x: "count",
            y: "label",
            z: "verdict",
            order: [...VERDICTS],
            text: (d: { count: number }) => String(d.count),
            fill: (d: { verdict: (typeof VERDICTS)[number] }) => VERDICT_TEXT[d.verdict],
          }),
        ),
      ],
    });
    container.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [profile, counts]);
  return (
    <figure className="chart" data-profile={profile}>
      <figcaption>{profile}</figcaption>
      <div ref={container} className="chart-svg" />
      <p className="sr-only">
        {LABELS.map((label) => t.chartSummary(t.labels[label], countsText(counts?.[label]))).join(". ")}
      </p>
    </figure>
  );
}

function VerdictBadge({ verdict }: { verdict: (typeof VERDICTS)[number] }) {
  return (
    <span className="verdict" style={{ background: VERDICT_COLOUR[verdict], color: VERDICT_TEXT[verdict] }}>
      {strings.verdicts[verdict]}
    </span>
  );
}

function Matrix({
  simulation,
  byName,
}: {
  simulation: Simulation;
  byName: ReadonlyMap<string, SimulationScenario>;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section className="table-scroll" tabIndex={0} aria-label={t.matrixScroll}>
      <table className="matrix" data-testid="matrix">
        <caption>{t.matrixCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.scenario}</th>
            <th scope="col">{t.label}</th>
            {simulation.profiles.map((profile) => (
              <th scope="col" key={profile}>
                {profile}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {simulation.results.map((result) => {
            const scenario = byName.get(result.scenario);
            return (
              <tr key={result.scenario}>
                <th scope="row">
                  <a href={`#source-${result.scenario}`} onClick={(e) => scrollToSource(e, result.scenario)}>
                    {scenario?.title ?? result.scenario}
                  </a>
                  {scenario?.hard ? <span className="muted"> ({t.hard})</span> : null}
                </th>
                <td className={`label-${result.label}`}>{t.labels[result.label]}</td>
                {simulation.profiles.map((profile) => {
                  const verdict = result.verdicts[profile];
                  return (
                    <td key={profile} className="cell">
                      {verdict ? (
                        <a
                          href={href("treaties", result.scenario, profile)}
                          className="verdict"
                          style={{ background: VERDICT_COLOUR[verdict], color: VERDICT_TEXT[verdict] }}
                          aria-label={t.cellLabel(
                            scenario?.title ?? result.scenario,
                            profile,
                            strings.verdicts[verdict],
                          )}
                        >
                          {strings.verdicts[verdict]}
                        </a>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** In-page anchors would change the hash route, so the scenario links scroll by script instead. */
function scrollToSource(event: MouseEvent, name: string) {
  event.preventDefault();
  const target = document.getElementById(`source-${name}`);
  if (target === null) return;
  const details = target.closest("details");
  if (details) details.open = true;
  target.scrollIntoView({ block: "start" });
  target.focus();
}

function Sources({ scenarios }: { scenarios: readonly SimulationScenario[] }) {
  return (
    <details className="sources">
      <summary>{t.sourcesSummary(scenarios.length)}</summary>
      <ol>
        {scenarios.map((s) => (
          <li key={s.name} id={`source-${s.name}`} tabIndex={-1}>
            <strong>{s.title}</strong>{" "}
            <span className={`label-${s.label}`}>
              ({t.labels[s.label]}
              {s.hard ? `, ${t.hard}` : ""})
            </span>
            <p>{s.summary}</p>
            <ul>
              {s.sources.map((source, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: sources are a fixed list and titles may repeat
                <li key={i}>
                  {source.url ? (
                    <a href={source.url} rel="noreferrer" target="_blank">
                      {source.title}
                    </a>
                  ) : (
                    source.title
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}

function FindingsDialog({ cell, title }: { cell: Cell; title: string | undefined }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const state = useAsync(
    (signal) =>
      fetchJson<Assessment>(
        `/v1/simulation/assessments/${encodeURIComponent(cell.scenario)}/${encodeURIComponent(cell.profile)}`,
        signal,
      ),
    `${cell.scenario}/${cell.profile}`,
  );
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const close = () => {
    window.location.hash = href("treaties");
  };
  return (
    <dialog
      ref={dialog}
      className="findings"
      aria-labelledby="findings-heading"
      onClose={close}
      data-testid="findings"
    >
      <div className="dialog-head">
        <h2 id="findings-heading">{t.findingsHeading(title ?? cell.scenario, cell.profile)}</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label={t.closeFindings}>
          ×
        </button>
      </div>
      {state.status === "loading" ? <Loading /> : null}
      {state.status === "error" ? <ErrorMessage error={state.error} onRetry={state.retry} /> : null}
      {state.status === "ready" ? <AssessmentView assessment={state.value} /> : null}
    </dialog>
  );
}

function AssessmentView({ assessment }: { assessment: Assessment }) {
  const relevant = assessment.findings.filter((f) => f.outcome !== "not_applicable");
  return (
    <div>
      <p>
        {t.verdict}: <VerdictBadge verdict={assessment.verdict} />
      </p>
      <p>
        {t.measures}:{" "}
        {assessment.measures.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: measures are a fixed list
          <span key={i}>
            {i > 0 ? ", " : null}
            {m.type} <VerdictBadge verdict={m.verdict} />
          </span>
        ))}
      </p>
      <ul className="finding-list">
        {relevant.map((finding, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: findings are a fixed list; one rule may give several
          <FindingItem key={i} finding={finding} showMeasures />
        ))}
      </ul>
      <p className="muted">{t.notApplicable(assessment.findings.length - relevant.length)}</p>
      <h3>{t.notification}</h3>
      <p>{assessment.notification.explanation}</p>
      <Citations citations={assessment.notification.citations} />
    </div>
  );
}
