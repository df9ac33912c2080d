/**
 * "Check a notice": the person notified pastes the notice code (and, if they have it, the request file
 * and the log's key from the notice); the browser verifies the case's records against the log
 * (notice/check-notice.ts). `#/notice/<code>` opens the page with the code filled in.
 */
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { Page } from "../components/page.tsx";
import { Loading } from "../components/status.tsx";
import { checkNotice, type NoticeCheck, type RecordView } from "../notice/check-notice.ts";
import { NoticeCodeError, parseNoticeCode } from "../notice/notice-code.ts";
import { href } from "../router.ts";
import { strings } from "../strings.ts";

const t = strings.notice;

type Work =
  | { readonly status: "idle" }
  | { readonly status: "working" }
  | { readonly status: "invalid"; readonly message: string }
  | { readonly status: "done"; readonly result: NoticeCheck };

export function CheckNotice({ initialCode }: { initialCode: string | undefined }) {
  const id = useId();
  const [code, setCode] = useState(initialCode ?? "");
  const [requestText, setRequestText] = useState("");
  const [vkey, setVkey] = useState("");
  const [work, setWork] = useState<Work>({ status: "idle" });

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setRequestText(await file.text());
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    let parsed: Awaited<ReturnType<typeof parseNoticeCode>>;
    try {
      parsed = await parseNoticeCode(code);
    } catch (error) {
      const message = error instanceof NoticeCodeError ? t.codeErrors[error.code] : String(error);
      return setWork({ status: "invalid", message });
    }
    setWork({ status: "working" });
    setWork({ status: "done", result: await checkNotice({ code: parsed, requestText, vkey }) });
  }

  return (
    <Page title={t.title}>
      <p className="lead">{t.intro}</p>
      <form onSubmit={check} className="card stack notice-form" noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t.codeLabel}</label>
          <input
            id={`${id}-code`}
            value={code}
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby={`${id}-code-help`}
            aria-invalid={work.status === "invalid"}
            onChange={(e) => setCode(e.target.value)}
          />
          <p id={`${id}-code-help`} className="help">
            {t.codeHelp}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t.requestLabel}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,application/json"
            aria-describedby={`${id}-file-help`}
            onChange={readFile}
          />
          <p id={`${id}-file-help`} className="help">
            {t.requestHelp}
          </p>
          <label htmlFor={`${id}-request`} className="secondary-label">
            {t.requestPasteLabel}
          </label>
          <textarea
            id={`${id}-request`}
            rows={4}
            spellCheck={false}
            value={requestText}
            onChange={(e) => setRequestText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-key`}>{t.keyLabel}</label>
          <input
            id={`${id}-key`}
            value={vkey}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-key-help`}
            onChange={(e) => setVkey(e.target.value)}
          />
          <p id={`${id}-key-help`} className="help">
            {t.keyHelp}
          </p>
        </div>
        <div>
          <button type="submit" disabled={work.status === "working"}>
            {t.button}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {work.status === "working" ? <Loading /> : null}
        {work.status === "invalid" ? (
          <p className="status status-error" role="alert">
            {work.message}
          </p>
        ) : null}
        {work.status === "done" ? <NoticeResult result={work.result} /> : null}
      </div>
      <p className="muted">
        <a href={href("log")}>{t.meanwhile}</a>
      </p>
    </Page>
  );
}

function NoticeResult({ result }: { result: NoticeCheck }) {
  const { failure, received, checkpoint } = result;
  const date = received?.record.date ?? "";
  return (
    <section aria-labelledby="notice-result" className="result card" data-testid="notice-result">
      <h2 id="notice-result" className="sr-only">
        {t.stepsHeading}
      </h2>
      <p
        className={`verdict-banner ${failure ? "bad" : "ok"}`}
        data-testid={failure ? "notice-failed" : "notice-ok"}
      >
        {failure
          ? `${t.failed} ${t.failures[failure.code]}`
          : result.commitment === "match"
            ? t.verified(date)
            : t.verifiedWithoutRequest(date)}
      </p>
      {failure ? <p className="muted">{failure.message}</p> : null}
      <h3>{t.stepsHeading}</h3>
      <ul className="checklist">
        {checkpoint ? (
          <li>
            {t.steps.checkpoint(checkpoint.origin, checkpoint.size)} —{" "}
            {t.steps.signature[checkpoint.signature]}
          </li>
        ) : null}
        {received?.isIncluded && failure?.code !== "INCLUSION_INVALID" ? (
          <li>{t.steps.included(received.index)}</li>
        ) : null}
        {received && failure?.code !== "NOT_A_RECEIPT" ? (
          <li>{t.steps.commitment[result.commitment]}</li>
        ) : null}
        {result.scan ? (
          <li>{t.steps.scan(result.scan.from, result.scan.to, result.scan.isComplete)}</li>
        ) : null}
      </ul>
      {received && !failure ? (
        <>
          <h3>{t.recordsHeading}</h3>
          <RecordsTable
            rows={[
              { index: received.index, record: received.record, isIncluded: received.isIncluded },
              ...result.later,
            ]}
          />
          {result.later.length === 0 ? <p className="status status-empty">{t.noLater}</p> : null}
        </>
      ) : null}
    </section>
  );
}

function describeDetails(record: RecordView): string {
  if (record.visibility === "sealed" || record.details === undefined) return t.sealedDetails;
  const d = record.details as Record<string, unknown>;
  const party = d["requested_party"] as { state?: string; provider?: string } | undefined;
  const parts = [
    typeof d["requesting_state"] === "string"
      ? t.fromTo(d["requesting_state"], party?.provider ?? party?.state ?? "?")
      : "",
    typeof d["instrument"] === "string" ? d["instrument"] : "",
    Array.isArray(d["measures"]) ? d["measures"].join(", ") : "",
    typeof d["verdict"] === "string" ? `${strings.treaties.verdict}: ${d["verdict"]}` : "",
  ];
  return parts.filter((p) => p !== "").join(" · ");
}

function RecordsTable({
  rows,
}: {
  rows: readonly { index: number; record: RecordView; isIncluded: boolean }[];
}) {
  const c = t.columns;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section className="table-scroll" tabIndex={0} aria-label={t.recordsHeading}>
      <table className="data-table wide records" data-testid="notice-records">
        <thead>
          <tr>
            <th scope="col">{c.index}</th>
            <th scope="col">{c.date}</th>
            <th scope="col">{c.event}</th>
            <th scope="col">{c.details}</th>
            <th scope="col">{c.proof}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.index}>
              <th scope="row">{row.index}</th>
              <td>{row.record.date}</td>
              <td>{row.record.event_type}</td>
              <td>{describeDetails(row.record)}</td>
              <td>{row.isIncluded ? t.includedYes : t.includedNo}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
