/** Sign-in for staff: e-mail and password → a session (web/src/session.ts), then the page for the role. */
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api.ts";
import type { Role } from "../case-types.ts";
import { Page } from "../components/page.tsx";
import { href } from "../router.ts";
import { signIn, useSession } from "../session.ts";
import { strings } from "../strings.ts";

const t = strings.signIn;

/** Where each role starts: administrators never read cases. */
export function startPage(role: Role): string {
  return role === "admin" ? href("admin", "users") : href("cases");
}

type Work =
  | { readonly status: "idle" }
  | { readonly status: "working" }
  | { readonly status: "error"; readonly message: string };

export function SignIn() {
  const id = useId();
  const session = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [work, setWork] = useState<Work>({ status: "idle" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (email.trim() === "" || password === "") return setWork({ status: "error", message: t.missing });
    setWork({ status: "working" });
    try {
      const signedIn = await signIn(email.trim(), password);
      setPassword("");
      window.location.hash = startPage(signedIn.user.role);
    } catch (error) {
      setWork({ status: "error", message: errorMessage(error) });
    }
  }

  return (
    <Page title={t.title}>
      {session !== null ? (
        <p className="status">
          {t.signedInAs(session.user.name, strings.staff.roles[session.user.role])} ·{" "}
          <a href={startPage(session.user.role)}>{strings.staff.nav.queue}</a>
        </p>
      ) : null}
      <p className="lead">{t.intro}</p>
      <form className="card stack sign-in-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t.email}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            required
            value={email}
            aria-invalid={work.status === "error"}
            aria-describedby={work.status === "error" ? `${id}-error` : undefined}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t.password}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            aria-invalid={work.status === "error"}
            aria-describedby={work.status === "error" ? `${id}-error` : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div aria-live="polite">
          {work.status === "error" ? (
            <p id={`${id}-error`} className="status status-error" role="alert">
              {work.message}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" disabled={work.status === "working"}>
            {work.status === "working" ? t.working : t.button}
          </button>
        </div>
      </form>
    </Page>
  );
}
