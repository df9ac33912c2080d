/**
 * One case (`GET /v1/cases/:id`; the read is written to the access log): its summary, deadline and how it
 * was computed, the actions the user may take, the request in readable form, the findings by measure,
 * the timeline, and the case's entries in the transparency log with their proofs.
 */
import { useRef, useState } from "react";
import type { CaseDetail } from "../case-types.ts";
import { type ActionOutcome, CaseActions } from "../components/case/case-actions.tsx";
import { EmergencyTag, OverdueTag, StageTag, VerdictTag } from "../components/case/case-badges.tsx";
import { CaseLogEntries } from "../components/case/case-log-entries.tsx";
import { CaseTimeline } from "../components/case/case-timeline.tsx";
import { FindingsByMeasure } from "../components/case/findings-by-measure.tsx";
import { RequestView } from "../components/case/request-view.tsx";
import { RequireRole } from "../components/case/require-role.tsx";
import { Page } from "../components/page.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { href } from "../router.ts";
import { StaffApiError, staffFetch } from "../session.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";

const t = strings.staff.case;

export function CasePage({ id }: { id: string }) {
  return (
    <RequireRole roles={["case_worker", "authoriser", "auditor"]} title={t.title(id)}>
      {(session) => (
        <CaseView
          key={id}
          id={id}
          isAuditor={session.user.role === "auditor"}
          selfId={session.user.user_id}
        />
      )}
    </RequireRole>
  );
}

function CaseView({ id, isAuditor, selfId }: { id: string; isAuditor: boolean; selfId: string }) {
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const state = useAsync(
    (signal) => staffFetch<CaseDetail>(`/v1/cases/${encodeURIComponent(id)}`, { signal }),
    `${id}#${version}`,
  );

  // While the case reloads after a command, the page keeps showing it (no jump to the top).
  const lastShown = useRef<CaseDetail | null>(null);
  if (state.status === "ready") lastShown.current = state.value;
  const shown =
    state.status === "ready"
      ? state.value
      : state.status === "loading" && version > 0
        ? lastShown.current
        : null;

  function onDone(outcome: ActionOutcome) {
    setNotice(
      outcome.status === "conflict"
        ? strings.staff.actions.conflict
        : strings.staff.actions.done(
            strings.staff.actions.labels[outcome.kind],
            outcome.result.log_indexes.join(", "),
          ),
    );
    setVersion((n) => n + 1);
    // The form is gone: the focus goes to the confirmation, which is announced.
    requestAnimationFrame(() => noticeRef.current?.focus());
  }

  return (
    <Page title={t.title(id)}>
      <p>
        <a href={href("cases")}>← {t.back}</a>
      </p>
      <p
        ref={noticeRef}
        tabIndex={-1}
        className={notice ? "verdict-banner ok" : "sr-only"}
        role="status"
        data-testid="action-notice"
      >
        {notice ?? ""}
      </p>
      {state.status === "loading" && version === 0 ? <Loading /> : null}
      {state.status === "error" ? (
        state.error instanceof StaffApiError && (state.error.status === 404 || state.error.status === 403) ? (
          <p className="status status-error" role="alert">
            {t.notFound}
          </p>
        ) : (
          <ErrorMessage error={state.error} onRetry={state.retry} />
        )
      ) : null}
      {state.status === "loading" && version > 0 ? <Loading /> : null}
      {shown ? <CaseDetailView detail={shown} isAuditor={isAuditor} selfId={selfId} onDone={onDone} /> : null}
    </Page>
  );
}

function CaseDetailView({
  detail,
  isAuditor,
  selfId,
  onDone,
}: {
  detail: CaseDetail;
  isAuditor: boolean;
  selfId: string;
  onDone: (outcome: ActionOutcome) => void;
}) {
  const dt = strings.staff.dateTime;
  return (
    <div className="case-layout">
      <div className="case-side">
        <section aria-labelledby="case-summary" className="card">
          <h2 id="case-summary">{t.summary}</h2>
          <dl className="facts">
            <dt>{t.stage}</dt>
            <dd data-testid="case-stage">
              <StageTag stage={detail.stage} />
            </dd>
            <dt>{t.verdict}</dt>
            <dd>
              <VerdictTag verdict={detail.assessor_verdict} />
            </dd>
            <dt>{t.emergency}</dt>
            <dd>{detail.emergency ? <EmergencyTag /> : strings.staff.no}</dd>
            <dt>{t.assignees}</dt>
            <dd>{detail.assignees.length === 0 ? t.nobody : detail.assignees.join(", ")}</dd>
            {detail.secrecy.sealed_until ? (
              <>
                <dt>{t.sealedUntil}</dt>
                <dd>{detail.secrecy.sealed_until}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-labelledby="case-deadline" className="card">
          <h2 id="case-deadline">{t.deadlineHeading}</h2>
          {detail.deadline.due === null ? (
            <p>{t.noDeadline}</p>
          ) : (
            <p>
              {t.due}: <strong>{dt(detail.deadline.due)}</strong>
              {detail.deadline.overdue ? (
                <>
                  {" "}
                  <OverdueTag />
                </>
              ) : null}
            </p>
          )}
          {detail.deadline.basis ? (
            <p>
              <span className="muted">{t.basis}:</span> {detail.deadline.basis}
            </p>
          ) : null}
        </section>
        <section aria-labelledby="case-actions" className="card" data-testid="case-actions">
          <h2 id="case-actions">{t.actionsHeading}</h2>
          {isAuditor ? (
            <p className="muted">{t.readOnly}</p>
          ) : detail.available_actions.length === 0 ? (
            <p className="muted">{t.noActions}</p>
          ) : (
            <CaseActions detail={detail} onDone={onDone} />
          )}
        </section>
      </div>
      <div className="case-main">
        <section aria-labelledby="case-request">
          <h2 id="case-request">{t.requestHeading}</h2>
          <RequestView request={detail.request} />
        </section>
        <section aria-labelledby="case-findings">
          <h2 id="case-findings">{t.findingsHeading}</h2>
          <FindingsByMeasure assessment={detail.assessment} />
        </section>
        <section aria-labelledby="case-timeline">
          <h2 id="case-timeline">{t.timelineHeading}</h2>
          <CaseTimeline events={detail.timeline} selfId={selfId} />
        </section>
        <section aria-labelledby="case-log">
          <h2 id="case-log">{t.logHeading}</h2>
          <CaseLogEntries events={detail.timeline} />
        </section>
      </div>
    </div>
  );
}
