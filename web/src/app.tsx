/** The console's shell: skip link, header with the product name and navigation, the page, footer. */
import { lazy, Suspense } from "react";
import { StaffNavItems } from "./components/case/staff-nav.tsx";
import { Loading } from "./components/status.tsx";
import { AdminViews } from "./pages/admin-views.tsx";
import { AuditorViews } from "./pages/auditor-views.tsx";
import { CasePage } from "./pages/case-page.tsx";
import { CheckNotice } from "./pages/check-notice.tsx";
import { LogExplorer } from "./pages/log-explorer.tsx";
import { Queue } from "./pages/queue.tsx";
import { SignIn } from "./pages/sign-in.tsx";
import { Home, NotFound } from "./pages/simple-pages.tsx";
import { href, type PageName, type Route, useRoute } from "./router.ts";
import { strings } from "./strings.ts";

// The comparison carries the charting library: loaded only when that page is opened.
const TreatyComparison = lazy(() => import("./pages/treaty-comparison.tsx"));
const TransparencyReport = lazy(() => import("./pages/transparency-report.tsx"));

// The staff links (sign in, cases, audit, administration) follow, by role: see StaffNavItems.
const NAV: readonly { page: Exclude<PageName, "home" | "not-found">; label: string }[] = [
  { page: "log", label: strings.nav.log },
  { page: "treaties", label: strings.nav.treaties },
  { page: "report", label: strings.nav.report },
  { page: "notice", label: strings.nav.notice },
];

function CurrentPage({ route }: { route: Route }) {
  switch (route.page) {
    case "home":
      return <Home />;
    case "log":
      return <LogExplorer />;
    case "treaties":
      return (
        <Suspense fallback={<Loading />}>
          <TreatyComparison cell={route.cell} />
        </Suspense>
      );
    case "report":
      return (
        <Suspense fallback={<Loading />}>
          <TransparencyReport period={route.period} />
        </Suspense>
      );
    case "notice":
      return <CheckNotice initialCode={route.code} />;
    case "sign-in":
      return <SignIn />;
    case "cases":
      return <Queue />;
    case "case":
      return <CasePage id={route.id} />;
    case "audit":
      return <AuditorViews view={route.view} />;
    case "admin":
      return <AdminViews view={route.view} />;
    case "not-found":
      return <NotFound />;
  }
}

export function App() {
  const route = useRoute();
  return (
    <>
      <a className="skip-link" href="#main">
        {strings.skipToContent}
      </a>
      <header className="site-header">
        <div className="wrap header-inner">
          <a className="brand" href={href("home")}>
            <span className="brand-mark" aria-hidden="true">
              ◐
            </span>
            {strings.product}
          </a>
          <nav aria-label={strings.nav.label}>
            <ul>
              {NAV.map((item) => (
                <li key={item.page}>
                  <a href={href(item.page)} aria-current={route.page === item.page ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
              <StaffNavItems route={route} />
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="wrap">
        <CurrentPage route={route} />
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>{strings.footer.text}</p>
          <p>
            <a href="/v1/docs">{strings.footer.api}</a> ·{" "}
            <a href="/log/checkpoint">{strings.footer.checkpoint}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
