/** Shows a staff page only to a signed-in user with one of its roles; otherwise says why, with a way on. */
import type { ReactNode } from "react";
import type { Role, Session } from "../../case-types.ts";
import { href } from "../../router.ts";
import { useSession } from "../../session.ts";
import { strings } from "../../strings.ts";
import { Page } from "../page.tsx";

export function RequireRole({
  roles,
  title,
  children,
}: {
  roles: readonly Role[];
  title: string;
  children: (session: Session) => ReactNode;
}) {
  const session = useSession();
  if (session === null)
    return (
      <Page title={title}>
        <p className="status status-empty">{strings.signIn.needed}</p>
        <p>
          <a href={href("sign-in")}>{strings.signIn.title}</a>
        </p>
      </Page>
    );
  if (!roles.includes(session.user.role))
    return (
      <Page title={title}>
        <p className="status status-error" role="alert">
          {strings.signIn.wrongRole(roles.map((role) => strings.staff.roles[role]).join(", "))}
        </p>
      </Page>
    );
  return <>{children(session)}</>;
}
