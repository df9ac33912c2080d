/**
 * The transparency report (GET /v1/reports, GET /v1/reports/<period>.json, lightswitch.report/v1):
 * totals, one chart per breakdown (requesting state, instrument, measure, verdict, refusal ground…),
 * cases over time, the table by requesting state, and the downloads. Small counts arrive banded from
 * the server and stay banded here. When the server publishes no reports, the page says so and shows
 * no figures.
 */
import { useId } from "react";
import { ApiError, fetchJson } from "../api.ts";
import { CountBars, type CountRow } from "../components/count-bars.tsx";
import { Page } from "../components/page.tsx";
import { Empty, ErrorMessage, Loading, NotAvailable } from "../components/status.tsx";
import {
  BREAKDOWNS,
  type Breakdown,
  formatCount,
  type Report,
  type ReportLinks,
  type ReportList,
} from "../report-types.ts";
import { href } from "../router.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";

const t = strings.report;
const REPORTS = "/v1/reports";

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
/** "FR" → "France (FR)"; other keys as they are. */
function stateName(code: string): string {
  try {
    const name = regionNames.of(code);
    return name === undefined || name === code ? code : `${name} (${code})`;
  } catch {
    return code;
  }
}
const STATE_BREAKDOWNS: ReadonlySet<Breakdown> = new Set(["requesting_state", "requested_state"]);

export default function TransparencyReport({ period }: { period: string | undefined }) {
  const list = useAsync(async (signal) => {
    try {
      return await fetchJson<ReportList>(REPORTS, signal);
    } catch (error) {
      // No report routes on this server (404): the report is not published here yet.
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }, "reports");
  return (
    <Page title={t.title}>
      {list.status === "loading" ? <Loading /> : null}
      {list.status === "error" ? <ErrorMessage error={list.error} onRetry={list.retry} /> : null}
      {list.status === "ready" && list.value === undefined ? (
        <NotAvailable title={strings.common.comingSoon}>
          <p>{t.comingSoon}</p>
        </NotAvailable>
      ) : null}
      {list.status === "ready" && list.value?.periods.length === 0 ? <Empty>{t.empty}</Empty> : null}
      {list.status === "ready" && list.value !== undefined && list.value.periods.length > 0 ? (
        <Periods periods={list.value.periods} chosen={period} />
      ) : null}
    </Page>
  );
}

function Periods({ periods, chosen }: { periods: readonly ReportLinks[]; chosen: string | undefined }) {
  const selectId = useId();
  const current = periods.find((p) => p.period === chosen) ?? periods[0]!;
  return (
    <>
      <p className="lead">{t.intro}</p>
      <div className="field period-field">
        <label htmlFor={selectId}>{t.periodLabel}</label>
        <select
          id={selectId}
          value={current.period}
          aria-describedby={`${selectId}-help`}
          onChange={(event) => {
            window.location.hash = href("report", event.target.value);
          }}
        >
          {periods.map((p) => (
            <option key={p.period} value={p.period}>
              {p.period}
            </option>
          ))}
        </select>
        <p id={`${selectId}-help`} className="help">
          {t.periodHelp}
        </p>
      </div>
      <PeriodReport links={current} />
    </>
  );
}

function PeriodReport({ links }: { links: ReportLinks }) {
  const state = useAsync((signal) => fetchJson<Report>(`${REPORTS}/${links.json}`, signal), links.period);
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <ErrorMessage error={state.error} onRetry={state.retry} />;
  const report = state.value;
  return (
    <div data-testid="report">
      <p className="muted">
        {t.periodRange(report.period.start, report.period.end)}. {t.banding(report.banding.band)}{" "}
        {t.logSize(report.log_size)} <a href={href("log")}>{t.checkLog}</a>.
      </p>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t.totalsHeading}</h2>
        <dl className="totals">
          <div>
            <dt>{t.total}</dt>
            <dd>{formatCount(report.cases.total)}</dd>
          </div>
          <div>
            <dt>{t.public}</dt>
            <dd>{formatCount(report.cases.public)}</dd>
          </div>
          <div>
            <dt>{t.sealed}</dt>
            <dd>{formatCount(report.cases.sealed)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t.downloadsHeading}</h2>
        <ul className="downloads">
          {(["json", "csv", "html", "google", "meta", "microsoft"] as const).map((format) => (
            <li key={format}>
              <a
                href={`${REPORTS}/${links[format]}`}
                download={format === "html" ? undefined : links[format]}
              >
                {t.downloads[format]}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="over-time-heading">
        <h2 id="over-time-heading">{t.overTimeHeading}</h2>
        <div className="charts">
          <CountBars
            title={t.overTimeLabel}
            keyHeading={t.month}
            rows={report.over_time.map((m) => ({ key: m.month, label: m.month, count: m.total }))}
          />
        </div>
      </section>
      <section aria-labelledby="breakdowns-heading">
        <h2 id="breakdowns-heading">{t.chartsHeading}</h2>
        <p className="muted">{t.multiValued}</p>
        <div className="charts">
          {BREAKDOWNS.map((breakdown) => (
            <CountBars
              key={breakdown}
              title={t.breakdowns[breakdown]}
              keyHeading={t.breakdowns[breakdown]}
              rows={(report.breakdowns[breakdown] ?? []).map(
                (row): CountRow => ({
                  key: row.key,
                  label: STATE_BREAKDOWNS.has(breakdown) ? stateName(row.key) : row.key,
                  count: row.cases,
                }),
              )}
            />
          ))}
        </div>
      </section>
      <section aria-labelledby="by-state-heading">
        <h2 id="by-state-heading">{t.byStateHeading}</h2>
        <StateTable rows={report.by_requesting_state} />
      </section>
    </div>
  );
}

function percent(value: number | null): string {
  return value === null ? t.notApplicable : `${value.toLocaleString("en", { maximumFractionDigits: 1 })} %`;
}

function StateTable({ rows }: { rows: Report["by_requesting_state"] }) {
  if (rows.length === 0) return <Empty>{t.noData}</Empty>;
  const c = t.stateColumns;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section className="table-scroll" tabIndex={0} aria-label={t.byStateHeading}>
      <table className="data-table wide">
        <thead>
          <tr>
            <th scope="col">{c.state}</th>
            <th scope="col">{c.cases}</th>
            <th scope="col">{c.produced_content}</th>
            <th scope="col">{c.produced_non_content}</th>
            <th scope="col">{c.refused}</th>
            <th scope="col">{c.pending}</th>
            <th scope="col">{c.percent_some_data_produced}</th>
            <th scope="col">{c.percent_refused}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.state}>
              <th scope="row">{stateName(row.state)}</th>
              <td>{formatCount(row.cases)}</td>
              <td>{formatCount(row.produced_content)}</td>
              <td>{formatCount(row.produced_non_content)}</td>
              <td>{formatCount(row.refused)}</td>
              <td>{formatCount(row.pending)}</td>
              <td>{percent(row.percent_some_data_produced)}</td>
              <td>{percent(row.percent_refused)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
