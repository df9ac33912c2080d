/**
 * The case queue (`GET /v1/cases`): overdue cases first, then by deadline (the server's order), with
 * filters on the verdict, the stage, the profile, emergencies, the deadline. No personal data here.
 */
import { useEffect, useId, useState } from "react";
import { fetchJson } from "../api.ts";
import { CASE_STAGES, type ProfileSummary, type QueueEntry } from "../case-types.ts";
import { EmergencyTag, OverdueTag, StageTag, VerdictTag } from "../components/case/case-badges.tsx";
import { RequireRole } from "../components/case/require-role.tsx";
import { Page } from "../components/page.tsx";
import { RecordTable } from "../components/record-table.tsx";
import { Empty, ErrorMessage, Loading } from "../components/status.tsx";
import { href } from "../router.ts";
import { staffFetch } from "../session.ts";
import { VERDICTS } from "../simulation-types.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";

const t = strings.staff.queue;

interface Filters {
  readonly verdict: string;
  readonly stage: string;
  readonly profile: string;
  readonly emergency: "" | "true" | "false";
  readonly overdue: "" | "true" | "false";
  readonly dueBefore: string;
}

const NO_FILTERS: Filters = {
  verdict: "",
  stage: "",
  profile: "",
  emergency: "",
  overdue: "",
  dueBefore: "",
};

const FILTERS_KEY = "lightswitch.queue-filters";

/** The filters this tab last used; anything unreadable is dropped (storage is input like any other). */
function savedFilters(): Filters {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(FILTERS_KEY) ?? "{}") as Record<string, unknown>;
    const pick = (key: keyof Filters) => (typeof saved[key] === "string" ? (saved[key] as string) : "");
    const flag = (key: "emergency" | "overdue") => {
      const value = pick(key);
      return value === "true" || value === "false" ? value : "";
    };
    return {
      verdict: pick("verdict"),
      stage: pick("stage"),
      profile: pick("profile"),
      emergency: flag("emergency"),
      overdue: flag("overdue"),
      dueBefore: pick("dueBefore"),
    };
  } catch {
    return NO_FILTERS;
  }
}

function queueUrl(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.verdict) query.set("verdict", filters.verdict);
  if (filters.stage) query.set("stage", filters.stage);
  if (filters.profile) query.set("profile", filters.profile);
  if (filters.emergency) query.set("emergency", filters.emergency);
  if (filters.overdue) query.set("overdue", filters.overdue);
  if (filters.dueBefore) query.set("due_before", `${filters.dueBefore}T00:00:00Z`);
  query.set("limit", "500");
  return `/v1/cases?${query}`;
}

export function Queue() {
  return (
    <RequireRole roles={["case_worker", "authoriser", "auditor"]} title={t.title}>
      {() => <QueueView />}
    </RequireRole>
  );
}

function QueueView() {
  const id = useId();
  const [filters, setFilters] = useState<Filters>(savedFilters);
  // Back from a case, the queue is as it was left (for this tab only, like the session).
  useEffect(() => {
    try {
      window.sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
    } catch {
      // Storage disabled: the filters reset on the next visit.
    }
  }, [filters]);
  const url = queueUrl(filters);
  const queue = useAsync((signal) => staffFetch<{ cases: QueueEntry[] }>(url, { signal }), url);
  const profiles = useAsync(
    (signal) => fetchJson<{ profiles: ProfileSummary[] }>("/v1/profiles", signal),
    "profiles",
  );
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [key]: event.target.value }));
  const isFiltered = url !== queueUrl(NO_FILTERS);
  const profileIds =
    profiles.status === "ready"
      ? profiles.value.profiles.map((p) => p.id)
      : [...new Set(queue.status === "ready" ? queue.value.cases.map((c) => c.profile) : [])];

  return (
    <Page title={t.title}>
      <p className="lead">{t.intro}</p>
      <form className="filters card" aria-label={t.filters} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-verdict`}>{t.verdict}</label>
          <select id={`${id}-verdict`} value={filters.verdict} onChange={set("verdict")}>
            <option value="">{strings.staff.any}</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {strings.verdicts[v]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t.stage}</label>
          <select id={`${id}-stage`} value={filters.stage} onChange={set("stage")}>
            <option value="">{strings.staff.any}</option>
            {CASE_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {strings.staff.stages[stage]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-profile`}>{t.profile}</label>
          <select id={`${id}-profile`} value={filters.profile} onChange={set("profile")}>
            <option value="">{strings.staff.any}</option>
            {profileIds.map((profile) => (
              <option key={profile} value={profile}>
                {profile}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-emergency`}>{t.emergency}</label>
          <select id={`${id}-emergency`} value={filters.emergency} onChange={set("emergency")}>
            <option value="">{strings.staff.any}</option>
            <option value="true">{strings.staff.yes}</option>
            <option value="false">{strings.staff.no}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-overdue`}>{t.overdue}</label>
          <select id={`${id}-overdue`} value={filters.overdue} onChange={set("overdue")}>
            <option value="">{strings.staff.any}</option>
            <option value="true">{t.overdueOnly}</option>
            <option value="false">{t.notOverdue}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t.dueBefore}</label>
          <input id={`${id}-due`} type="date" value={filters.dueBefore} onChange={set("dueBefore")} />
        </div>
        {isFiltered ? (
          <div className="field filters-clear">
            <button type="button" className="secondary" onClick={() => setFilters(NO_FILTERS)}>
              {t.clear}
            </button>
          </div>
        ) : null}
      </form>
      <div aria-live="polite">
        {queue.status === "loading" ? <Loading /> : null}
        {queue.status === "error" ? <ErrorMessage error={queue.error} onRetry={queue.retry} /> : null}
        {queue.status === "ready" ? (
          <>
            <p className="muted" data-testid="queue-count">
              {t.count(queue.value.cases.length)}
            </p>
            {queue.value.cases.length === 0 ? (
              <Empty>{isFiltered ? t.empty : t.emptyAll}</Empty>
            ) : (
              <QueueTable cases={queue.value.cases} />
            )}
          </>
        ) : null}
      </div>
    </Page>
  );
}

function QueueTable({ cases }: { cases: readonly QueueEntry[] }) {
  const c = t.columns;
  const dt = strings.staff.dateTime;
  return (
    <RecordTable
      testId="queue"
      headings={[c.case, c.stage, c.verdict, c.from, c.profile, c.deadline, c.received]}
      caption={t.caption}
      variant="queue"
    >
      {cases.map((entry) => (
        <tr key={entry.case_id} data-testid="queue-row" className={entry.overdue ? "row-overdue" : undefined}>
          <th scope="row">
            <a href={href("case", entry.case_id)}>{entry.case_id}</a>
            {entry.emergency ? (
              <>
                {" "}
                <EmergencyTag />
              </>
            ) : null}
          </th>
          <td data-label={c.stage}>
            <StageTag stage={entry.stage} />
          </td>
          <td data-label={c.verdict}>
            <VerdictTag verdict={entry.verdict} />
          </td>
          <td data-label={c.from}>{entry.requesting_state}</td>
          <td data-label={c.profile}>{entry.profile}</td>
          <td data-label={c.deadline}>
            {entry.deadline === null ? t.noDeadline : dt(entry.deadline)}
            {entry.overdue ? (
              <>
                {" "}
                <OverdueTag />
              </>
            ) : null}
          </td>
          <td data-label={c.received}>{dt(entry.received_at)}</td>
        </tr>
      ))}
    </RecordTable>
  );
}
