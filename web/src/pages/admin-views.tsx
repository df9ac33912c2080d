/**
 * The administrators' views: staff users (list, add, disable), the requesting authorities' keys (managed
 * on the server's command line for now) and the treaty profiles. Administrators never read a case.
 */
import { type FormEvent, useId, useState } from "react";
import { errorMessage, fetchJson } from "../api.ts";
import { type ProfileSummary, type QueueEntry, ROLES, type Role, type User } from "../case-types.ts";
import { RequireRole } from "../components/case/require-role.tsx";
import { ViewTabs } from "../components/case/view-tabs.tsx";
import { Page } from "../components/page.tsx";
import { RecordTable } from "../components/record-table.tsx";
import { ActionResult, ListState } from "../components/status.tsx";
import { ADMIN_VIEWS, type AdminView, href } from "../router.ts";
import { StaffApiError, staffFetch } from "../session.ts";
import { strings } from "../strings.ts";
import { useAsync } from "../use-async.ts";
import { AuthoritiesView } from "./admin-authorities.tsx";

const t = strings.staff.admin;

export function AdminViews({ view }: { view: AdminView }) {
  return (
    <RequireRole roles={["admin"]} title={t.title}>
      {(session) => (
        <Page title={`${t.title}: ${t.tabs[view]}`}>
          <ViewTabs page="admin" views={ADMIN_VIEWS} current={view} labels={t.tabs} label={t.tabsLabel} />
          {view === "users" ? <UsersView ownId={session.user.user_id} /> : null}
          {view === "authorities" ? <AuthoritiesView /> : null}
          {view === "profiles" ? <ProfilesView /> : null}
        </Page>
      )}
    </RequireRole>
  );
}

/** `ownId`: the administrator signed in, who cannot disable themselves from here (and lock everyone out). */
function UsersView({ ownId }: { ownId: string }) {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const state = useAsync(
    (signal) => staffFetch<{ users: User[] }>("/v1/users", { signal }),
    `users#${version}`,
  );
  const [actionError, setActionError] = useState<unknown>(null);
  async function disable(user: User) {
    setActionError(null);
    try {
      await staffFetch<User>(`/v1/users/${encodeURIComponent(user.user_id)}/disable`, { method: "POST" });
      setVersion((n) => n + 1);
    } catch (error) {
      setActionError(error);
    }
  }
  const c = t.userColumns;
  return (
    <>
      <p className="lead">{t.usersIntro}</p>
      <div aria-live="polite">
        <ActionResult message={message} error={actionError} />
        <ListState
          state={state}
          isEmpty={state.status === "ready" && state.value.users.length === 0}
          empty={t.usersEmpty}
        />
      </div>
      {state.status === "ready" && state.value.users.length > 0 ? (
        <RecordTable
          testId="users"
          headings={[c.name, c.email, c.role, c.created, c.status, { hidden: t.disableShort }]}
        >
          {state.value.users.map((user) => (
            <tr key={user.user_id}>
              <th scope="row">{user.name}</th>
              <td data-label={c.email}>{user.email}</td>
              <td data-label={c.role}>{strings.staff.roles[user.role]}</td>
              <td data-label={c.created}>{strings.staff.dateTime(user.created_at)}</td>
              <td data-label={c.status}>{user.disabled ? t.disabled : t.active}</td>
              <td>
                {user.disabled || user.user_id === ownId ? null : (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t.disable(user.name)}
                    onClick={() => disable(user)}
                  >
                    {t.disableShort}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </RecordTable>
      ) : null}
      {state.status === "ready" ? <AssignmentForm users={state.value.users} /> : null}
      <NewUserForm
        onCreated={(user) => {
          setMessage(t.created(user.name));
          setVersion((n) => n + 1);
        }}
      />
    </>
  );
}

/** Need-to-know: a case assigned to people is seen only by them (and auditors); unassigned, by all. */
function AssignmentForm({ users }: { users: readonly User[] }) {
  const id = useId();
  const assignable = users.filter(
    (u) => !u.disabled && (u.role === "case_worker" || u.role === "authoriser"),
  );
  const [userId, setUserId] = useState(assignable[0]?.user_id ?? "");
  const [caseId, setCaseId] = useState("");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const cases = useAsync(
    (signal) => staffFetch<{ cases: QueueEntry[] }>("/v1/cases?limit=1000", { signal }),
    "cases",
  );
  const nameOf = (uid: string) => users.find((u) => u.user_id === uid)?.name ?? uid;
  async function send(method: "PUT" | "DELETE") {
    if (userId === "" || caseId.trim() === "") return setResult({ ok: false, message: t.assignMissing });
    try {
      const answer = await staffFetch<{ case_id: string; assignees: string[] }>(
        `/v1/users/${encodeURIComponent(userId)}/cases/${encodeURIComponent(caseId.trim())}`,
        { method },
      );
      setResult({ ok: true, message: t.assignees(answer.case_id, answer.assignees.map(nameOf)) });
    } catch (error) {
      setResult({ ok: false, message: errorMessage(error) });
    }
  }
  return (
    <form
      className="card stack new-user"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void send("PUT");
      }}
    >
      <h2 id={`${id}-heading`}>{t.assignHeading}</h2>
      <p className="help">{t.assignIntro}</p>
      <div className="field">
        <label htmlFor={`${id}-user`}>{t.assignUser}</label>
        <select id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)}>
          {assignable.map((user) => (
            <option key={user.user_id} value={user.user_id}>
              {user.name} ({strings.staff.roles[user.role]})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-case`}>{t.assignCase}</label>
        <input
          id={`${id}-case`}
          list={`${id}-cases`}
          autoComplete="off"
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
        />
        <datalist id={`${id}-cases`}>
          {cases.status === "ready"
            ? cases.value.cases.map((c) => <option key={c.case_id} value={c.case_id} />)
            : null}
        </datalist>
      </div>
      <div aria-live="polite">
        {result ? (
          <p
            className={result.ok ? "verdict-banner ok" : "status status-error"}
            role={result.ok ? "status" : "alert"}
          >
            {result.message}
          </p>
        ) : null}
      </div>
      <div className="form-buttons">
        <button type="submit">{t.assign}</button>
        <button type="button" className="secondary" onClick={() => void send("DELETE")}>
          {t.unassign}
        </button>
      </div>
    </form>
  );
}

function NewUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const id = useId();
  const [values, setValues] = useState({ name: "", email: "", role: "case_worker" as Role, password: "" });
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [isWorking, setWorking] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setWorking(true);
    setError(null);
    try {
      const user = await staffFetch<User>("/v1/users", { method: "POST", body: values });
      setValues({ name: "", email: "", role: "case_worker", password: "" });
      onCreated(user);
    } catch (failure) {
      const field = failure instanceof StaffApiError ? failure.issues[0]?.path : undefined;
      setError({ message: errorMessage(failure), ...(field ? { field } : {}) });
    } finally {
      setWorking(false);
    }
  }
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <form className="card stack new-user" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t.newUser}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t.name}</label>
        <input
          id={`${id}-name`}
          required
          aria-invalid={invalid("name")}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t.email}</label>
        <input
          id={`${id}-email`}
          type="email"
          required
          aria-invalid={invalid("email")}
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t.role}</label>
        <select
          id={`${id}-role`}
          value={values.role}
          onChange={(e) => setValues({ ...values, role: e.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {strings.staff.roles[role]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t.password}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={invalid("password")}
          aria-describedby={`${id}-password-help`}
          value={values.password}
          onChange={(e) => setValues({ ...values, password: e.target.value })}
        />
        <p id={`${id}-password-help`} className="help">
          {t.passwordHelp}
        </p>
      </div>
      {error ? (
        <p className="status status-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isWorking}>
          {t.create}
        </button>
      </div>
    </form>
  );
}

function ProfilesView() {
  const state = useAsync(
    (signal) => fetchJson<{ profiles: ProfileSummary[] }>("/v1/profiles", signal),
    "profiles",
  );
  return (
    <>
      <p className="lead">{t.profilesIntro}</p>
      <ListState
        state={state}
        isEmpty={state.status === "ready" && state.value.profiles.length === 0}
        empty={t.profilesEmpty}
      />
      {state.status === "ready" && state.value.profiles.length > 0 ? (
        <ul className="cards" data-testid="profiles">
          {state.value.profiles.map((profile) => (
            <li key={profile.id} className="card">
              <h3>{profile.title}</h3>
              <p className="muted">
                <code>{profile.id}</code>
                {profile.instrument ? ` · ${profile.instrument}` : ""}
              </p>
              <p>{profile.description}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={href("treaties")}>{t.compare}</a>
      </p>
    </>
  );
}
