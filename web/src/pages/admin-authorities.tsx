/**
 * Administration: the key directory of requesting authorities (`/v1/authorities`): each authority with
 * its keys; add one, rotate its key (the old one is kept, revoked), revoke it. A server without the
 * route (404) is told apart: the directory is then managed on the server's command line.
 */
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api.ts";
import { AUTHORITY_KINDS, type Authority } from "../case-types.ts";
import { RecordTable } from "../components/record-table.tsx";
import { ActionResult, ListState, NotAvailable } from "../components/status.tsx";
import { StaffApiError, staffFetch } from "../session.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";

const t = strings.staff.authorities;

/** A key for people to compare: its first and last characters (a PEM's body, or the base64url key). */
function shortKey(publicKey: string): string {
  const body = publicKey.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return body.length <= 20 ? body : `${body.slice(0, 10)}…${body.slice(-8)}`;
}

export function AuthoritiesView() {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const state = useAsync(
    (signal) => staffFetch<{ authorities: Authority[] }>("/v1/authorities", { signal }),
    `authorities#${version}`,
  );
  const reload = (text: string) => {
    setMessage(text);
    setActionError(null);
    setVersion((n) => n + 1);
  };
  if (state.status === "error" && state.error instanceof StaffApiError && state.error.status === 404)
    return (
      <NotAvailable title={strings.common.notAvailableTitle}>
        <p>{strings.staff.admin.authoritiesBody}</p>
      </NotAvailable>
    );
  async function revoke(authority: Authority) {
    if (!window.confirm(t.confirmRevoke(authority.name))) return;
    try {
      await staffFetch<Authority>(`/v1/authorities/${encodeURIComponent(authority.id)}/revoke`, {
        method: "POST",
      });
      reload(t.revoked(authority.name));
    } catch (error) {
      setActionError(error);
    }
  }
  const c = t.columns;
  return (
    <>
      <p className="lead">{t.intro}</p>
      <div aria-live="polite">
        <ActionResult message={message} error={actionError} />
        <ListState
          state={state}
          isEmpty={state.status === "ready" && state.value.authorities.length === 0}
          empty={t.empty}
        />
      </div>
      {state.status === "ready" && state.value.authorities.length > 0 ? (
        <RecordTable
          testId="authorities"
          headings={[c.name, c.id, c.state, c.status, c.keys, { hidden: c.actions }]}
        >
          {state.value.authorities.map((authority) => (
            <tr key={authority.id}>
              <th scope="row">{authority.name}</th>
              <td data-label={c.id}>
                <code>{authority.id}</code>
              </td>
              <td data-label={c.state}>
                {authority.state} · {authority.kind}
              </td>
              <td data-label={c.status}>
                <span className={`tag ${authority.status === "revoked" ? "tag-bad" : ""}`}>
                  {t.status[authority.status]}
                </span>
              </td>
              <td data-label={c.keys}>
                <ul className="plain-list">
                  {authority.keys.map((key) => (
                    <li key={`${key.publicKey}-${key.addedAt}`}>
                      <code className="hash">{shortKey(key.publicKey)}</code>{" "}
                      <span className="muted">
                        {key.revokedAt === null
                          ? t.keySince(strings.staff.dateTime(key.addedAt))
                          : t.keyRevoked(strings.staff.dateTime(key.revokedAt))}
                      </span>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {authority.status === "active" ? (
                  <div className="form-buttons">
                    <RotateButton authority={authority} onDone={() => reload(t.rotated(authority.name))} />
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t.revokeNamed(authority.name)}
                      onClick={() => revoke(authority)}
                    >
                      {t.revoke}
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </RecordTable>
      ) : null}
      <NewAuthorityForm onCreated={(authority) => reload(t.added(authority.name))} />
    </>
  );
}

function RotateButton({ authority, onDone }: { authority: Authority; onDone: () => void }) {
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const [publicKey, setPublicKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await staffFetch<Authority>(`/v1/authorities/${encodeURIComponent(authority.id)}/rotate`, {
        method: "POST",
        body: { publicKey: publicKey.trim() },
      });
      setOpen(false);
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  if (!isOpen)
    return (
      <button
        type="button"
        className="secondary"
        aria-label={t.rotateNamed(authority.name)}
        onClick={() => setOpen(true)}
      >
        {t.rotate}
      </button>
    );
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-key`}>{t.newKey(authority.name)}</label>
      <textarea
        id={`${id}-key`}
        rows={3}
        value={publicKey}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setPublicKey(e.target.value)}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-buttons">
        <button type="submit">{t.rotate}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {strings.staff.actions.cancel}
        </button>
      </div>
    </form>
  );
}

function NewAuthorityForm({ onCreated }: { onCreated: (authority: Authority) => void }) {
  const id = useId();
  const empty = { id: "", state: "", kind: "prosecutor", name: "", publicKey: "" };
  const [values, setValues] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [isWorking, setWorking] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setWorking(true);
    setError(null);
    try {
      const authority = await staffFetch<Authority>("/v1/authorities", {
        method: "POST",
        body: { ...values, state: values.state.trim().toUpperCase(), publicKey: values.publicKey.trim() },
      });
      setValues(empty);
      onCreated(authority);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setWorking(false);
    }
  }
  const field = (name: "id" | "state" | "name", label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        required
        autoComplete="off"
        value={values[name]}
        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
      />
    </div>
  );
  return (
    <form className="card stack new-user" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t.addHeading}</h2>
      {field("name", t.name)}
      {field("id", t.id)}
      {field("state", t.state)}
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t.kind}</label>
        <select
          id={`${id}-kind`}
          value={values.kind}
          onChange={(e) => setValues({ ...values, kind: e.target.value })}
        >
          {AUTHORITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t.publicKey}</label>
        <textarea
          id={`${id}-key`}
          rows={4}
          required
          aria-describedby={`${id}-key-help`}
          value={values.publicKey}
          onChange={(e) => setValues({ ...values, publicKey: e.target.value })}
        />
        <p id={`${id}-key-help`} className="help">
          {t.publicKeyHelp}
        </p>
      </div>
      {error ? (
        <p className="status status-error" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isWorking}>
          {t.add}
        </button>
      </div>
    </form>
  );
}
