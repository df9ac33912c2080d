/** The header's staff links: "Sign in" when signed out; by role, the cases, audit and administration, and "Sign out". */
import type { Role } from "../../case-types.ts";
import { href, type PageName, type Route } from "../../router.ts";
import { signOut, useSession } from "../../session.ts";
import { strings } from "../../strings.ts";

const STAFF_LINKS: readonly { page: "cases" | "audit" | "admin"; label: string; roles: readonly Role[] }[] = [
  { page: "cases", label: strings.staff.nav.queue, roles: ["case_worker", "authoriser", "auditor"] },
  { page: "audit", label: strings.staff.nav.audit, roles: ["auditor"] },
  { page: "admin", label: strings.staff.nav.admin, roles: ["admin"] },
];

/** Which header link a page belongs to (a case belongs to the cases). */
function section(page: PageName): PageName {
  return page === "case" ? "cases" : page;
}

export function StaffNavItems({ route }: { route: Route }) {
  const session = useSession();
  const current = section(route.page);
  if (session === null)
    return (
      <li>
        <a href={href("sign-in")} aria-current={current === "sign-in" ? "page" : undefined}>
          {strings.nav.signIn}
        </a>
      </li>
    );
  const role = session.user.role;
  return (
    <>
      {STAFF_LINKS.filter((link) => link.roles.includes(role)).map((link) => (
        <li key={link.page}>
          <a href={href(link.page)} aria-current={current === link.page ? "page" : undefined}>
            {link.label}
          </a>
        </li>
      ))}
      <li>
        <button
          type="button"
          className="nav-button"
          title={strings.signIn.signedInAs(session.user.name, strings.staff.roles[role])}
          onClick={async () => {
            await signOut();
            window.location.hash = href("sign-in");
          }}
        >
          {strings.signIn.signOut}
        </button>
      </li>
    </>
  );
}
