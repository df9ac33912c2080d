/** The overview, the pages that are not available yet, and the not-found page. */
import { Page } from "../components/page.tsx";
import { NotAvailable } from "../components/status.tsx";
import { href } from "../router.ts";
import { strings } from "../strings.ts";

export function Home() {
  const cards = [
    { to: href("log"), title: strings.nav.log, text: strings.home.cards.log },
    { to: href("treaties"), title: strings.nav.treaties, text: strings.home.cards.treaties },
    { to: href("report"), title: strings.nav.report, text: strings.home.cards.report },
    { to: href("notice"), title: strings.nav.notice, text: strings.home.cards.notice },
  ];
  return (
    <Page title={strings.home.title}>
      <p className="lead">{strings.home.intro}</p>
      <ul className="cards">
        {cards.map((card) => (
          <li key={card.to} className="card">
            <h2>
              <a href={card.to}>{card.title}</a>
            </h2>
            <p>{card.text}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function SignIn() {
  return (
    <Page title={strings.signIn.title}>
      <NotAvailable title={strings.common.notAvailableTitle}>
        <p>{strings.signIn.body}</p>
      </NotAvailable>
    </Page>
  );
}

export function NotFound() {
  return (
    <Page title={strings.notFound.title}>
      <p>{strings.notFound.body}</p>
      <p>
        <a href={href("home")}>{strings.common.backToOverview}</a>
      </p>
    </Page>
  );
}
