/** The console's loading, error, empty and "not available yet" states: one look everywhere. */
import type { ReactNode } from "react";
import { errorMessage } from "../api.ts";
import { strings } from "../strings.ts";

export function Loading({ label = strings.common.loading }: { label?: string }) {
  return (
    <p className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="status status-error" role="alert">
      <p>
        <strong>{strings.common.errorTitle}.</strong> {errorMessage(error)}
      </p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {strings.common.retry}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status status-empty">{children}</p>;
}

export function NotAvailable({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="status status-unavailable">
      <p className="badge">{title}</p>
      {children}
    </div>
  );
}

/** What ListState needs of a loading list (useAsync's and usePagedEntries' states both are). */
export type ListLoad = (
  | { readonly status: "loading" }
  | { readonly status: "error"; readonly error: unknown }
  | { readonly status: "ready" }
) & { readonly retry: () => void };

/**
 * A list's state in one place: loading, its error with a retry, or `empty` once it loaded with nothing
 * to show (`isEmpty`). Nothing once it has rows: the caller renders them.
 */
export function ListState({
  state,
  isEmpty,
  empty,
}: {
  state: ListLoad;
  isEmpty: boolean;
  empty: ReactNode;
}) {
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <ErrorMessage error={state.error} onRetry={state.retry} />;
  return isEmpty ? <Empty>{empty}</Empty> : null;
}

/** What the last action on a list did (added, revoked, …): its confirmation, or its error. */
export function ActionResult({ message, error }: { message: string | null; error: unknown }) {
  return (
    <>
      {message ? (
        <p className="verdict-banner ok" role="status">
          {message}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}
