/** The console's shell: skip link, header with the product name and navigation, the page, footer. */
import { lazy, Suspense } from "react";
import { Loading } from "./components/status.tsx";
import { CheckNotice } from "./pages/check-notice.tsx";
import { LogExplorer } from "./pages/log-explorer.tsx";
import { Home, NotFound, SignIn } from "./pages/simple-pages.tsx";
import { href, type PageName, type Route, useRoute } from "./router.ts";
import { strings } from "./strings.ts";

// The comparison carries the charting library: loaded only when that page is opened.
const TreatyComparison = lazy(() => import("./pages/treaty-comparison.tsx"));
const TransparencyReport = lazy(() => import("./pages/transparency-report.tsx"));

const NAV: readonly { page: Exclude<PageName, "home" | "not-found">; label: string }[] = [
  { page: "log", label: strings.nav.log },
  { page: "treaties", label: strings.nav.treaties },
  { page: "report", label: strings.nav.report },
  { page: "notice", label: strings.nav.notice },
  { page: "sign-in", label: strings.nav.signIn },
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
