/**
 * The auditors' views: the access log (every read of personal data), the intake journal (every
 * submission, rejected and forged ones included) and the overrides of the assessor with their reasons.
 * Auditors also read every case, without actions, from the queue.
 */
import { type FormEvent, useId, useState } from "react";
import type { AccessLogEntry, JournalEntry, Override } from "../case-types.ts";
import { VerdictTag } from "../components/case/case-badges.tsx";
import { actorLabel } from "../components/case/case-timeline.tsx";
import { RequireRole } from "../components/case/require-role.tsx";
import { usePagedEntries } from "../components/case/use-paged-entries.ts";
import { ViewTabs } from "../components/case/view-tabs.tsx";
import { Page } from "../components/page.tsx";
import { RecordTable } from "../components/record-table.tsx";
import { ListState } from "../components/status.tsx";
import { AUDIT_VIEWS, type AuditView, href } from "../router.ts";
import { staffFetch } from "../session.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";

const t = strings.staff.audit;
const dt = strings.staff.dateTime;

export function AuditorViews({ view }: { view: AuditView }) {
  return (
    <RequireRole roles={["auditor"]} title={t.title}>
      {() => (
        <Page title={`${t.title}: ${t.tabs[view]}`}>
          <ViewTabs page="audit" views={AUDIT_VIEWS} current={view} labels={t.tabs} label={t.tabsLabel} />
          {view === "access-log" ? <AccessLogView /> : null}
          {view === "intake-journal" ? <IntakeJournalView /> : null}
          {view === "overrides" ? <OverridesView /> : null}
        </Page>
      )}
    </RequireRole>
  );
}

function AccessLogView() {
  const id = useId();
  const [caseId, setCaseId] = useState("");
  const [userId, setUserId] = useState("");
  const [query, setQuery] = useState("");
  const state = usePagedEntries<AccessLogEntry>(`/v1/access-log${query}`);
  function apply(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    if (caseId.trim()) params.set("case_id", caseId.trim());
    if (userId.trim()) params.set("user_id", userId.trim());
    setQuery(params.size > 0 ? `?${params}` : "");
  }
  const c = t.accessColumns;
  return (
    <>
      <p className="lead">{t.accessIntro}</p>
      <form className="inline-form" onSubmit={apply}>
        <div className="field">
          <label htmlFor={`${id}-case`}>{t.filterCase}</label>
          <input id={`${id}-case`} value={caseId} onChange={(e) => setCaseId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-user`}>{t.filterUser}</label>
          <input id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)} />
        </div>
        <button type="submit">{t.apply}</button>
      </form>
      <div aria-live="polite">
        <ListState
          state={state}
          isEmpty={state.status === "ready" && state.entries.length === 0}
          empty={t.accessEmpty}
        />
        {state.status === "ready" && state.entries.length > 0 ? (
          <RecordTable
            testId="access-log"
            headings={[c.seq, c.at, c.user, c.role, c.case, c.fields, c.purpose]}
          >
            {state.entries.map((entry) => (
              <tr key={entry.seq} data-testid="access-row">
                <th scope="row" data-label={c.seq}>
                  {entry.seq}
                </th>
                <td data-label={c.at}>{dt(entry.at)}</td>
                <td data-label={c.user}>
                  <code>{entry.user_id}</code>
                </td>
                <td data-label={c.role}>{strings.staff.roles[entry.role] ?? entry.role}</td>
                <td data-label={c.case}>
                  <a href={href("case", entry.case_id)}>{entry.case_id}</a>
                </td>
                <td data-label={c.fields}>{entry.fields.join(", ")}</td>
                <td data-label={c.purpose}>
                  <code>{entry.purpose}</code>
                </td>
              </tr>
            ))}
          </RecordTable>
        ) : null}
        {state.status === "ready" && state.hasMore ? (
          <MoreButton onClick={state.more} isLoading={state.isLoadingMore} />
        ) : null}
      </div>
    </>
  );
}

function IntakeJournalView() {
  const id = useId();
  const [isRejectedOnly, setRejectedOnly] = useState(false);
  const state = usePagedEntries<JournalEntry>("/v1/intake-journal");
  const c = t.journalColumns;
  const entries =
    state.status === "ready" ? state.entries.filter((e) => !isRejectedOnly || e.outcome === "rejected") : [];
  return (
    <>
      <p className="lead">{t.journalIntro}</p>
      <div className="field period-field">
        <label htmlFor={`${id}-show`}>{t.journalShow}</label>
        <select
          id={`${id}-show`}
          value={isRejectedOnly ? "rejected" : "all"}
          onChange={(e) => setRejectedOnly(e.target.value === "rejected")}
        >
          <option value="all">{t.journalAll}</option>
          <option value="rejected">{t.journalRejected}</option>
        </select>
      </div>
      <div aria-live="polite">
        <ListState
          state={state}
          isEmpty={state.status === "ready" && entries.length === 0}
          empty={t.journalEmpty}
        />
        {entries.length > 0 ? (
          <RecordTable
            testId="intake-journal"
            headings={[c.seq, c.at, c.outcome, c.reason, c.authority, c.request, c.status, c.case]}
          >
            {entries.map((entry) => (
              <tr key={entry.seq} className={entry.outcome === "rejected" ? "row-rejected" : undefined}>
                <th scope="row" data-label={c.seq}>
                  {entry.seq}
                </th>
                <td data-label={c.at}>{dt(entry.received_at)}</td>
                <td data-label={c.outcome}>
                  <span className={`tag ${entry.outcome === "rejected" ? "tag-bad" : ""}`}>
                    {t.outcomes[entry.outcome]}
                  </span>
                </td>
                <td data-label={c.reason}>
                  <code>{entry.reason}</code>
                </td>
                <td data-label={c.authority}>{entry.authority_id ?? strings.staff.none}</td>
                <td data-label={c.request}>{entry.request_id ?? strings.staff.none}</td>
                <td data-label={c.status}>{entry.status}</td>
                <td data-label={c.case}>
                  {entry.case_id ? (
                    <a href={href("case", entry.case_id)}>{entry.case_id}</a>
                  ) : (
                    strings.staff.none
                  )}
                </td>
              </tr>
            ))}
          </RecordTable>
        ) : null}
        {state.status === "ready" && state.hasMore ? (
          <MoreButton onClick={state.more} isLoading={state.isLoadingMore} />
        ) : null}
      </div>
    </>
  );
}

function MoreButton({ onClick, isLoading }: { onClick: () => void; isLoading: boolean }) {
  return (
    <p>
      <button type="button" className="secondary" onClick={onClick} disabled={isLoading}>
        {isLoading ? strings.common.loading : t.more}
      </button>
    </p>
  );
}

function OverridesView() {
  const url = "/v1/overrides?limit=1000";
  const state = useAsync((signal) => staffFetch<{ overrides: Override[] }>(url, { signal }), url);
  return (
    <>
      <p className="lead">{t.overridesIntro}</p>
      <div aria-live="polite">
        <ListState
          state={state}
          isEmpty={state.status === "ready" && state.value.overrides.length === 0}
          empty={t.overridesEmpty}
        />
        {state.status === "ready" && state.value.overrides.length > 0 ? (
          <ul className="finding-list" data-testid="overrides">
            {state.value.overrides.map((override) => (
              <li key={`${override.case_id}-${override.at}`} className="finding outcome-flag">
                <p>
                  <a href={href("case", override.case_id)}>{override.case_id}</a> ·{" "}
                  <span className="muted">
                    {dt(override.at)} · {actorLabel(override.actor)}
                  </span>
                </p>
                <p>
                  <strong>
                    {t.override(strings.staff.actions.fields[override.decision] ?? override.decision)}
                  </strong>
                  <VerdictTag verdict={override.assessor_verdict} />
                </p>
                <blockquote className="reason">{override.reason}</blockquote>
                {override.grounds.length > 0 ? (
                  <p className="muted">
                    {strings.staff.payload["grounds"]}: {override.grounds.join(", ")}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </>
  );
}
