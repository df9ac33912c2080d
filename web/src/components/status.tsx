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
