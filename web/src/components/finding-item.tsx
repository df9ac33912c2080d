/**
 * One finding of an assessment as the console shows it wherever findings appear (a case's findings by
 * measure, the treaty comparison's cell details): the rule and its outcome, the plain-language
 * explanation, the articles it cites (marked where their text was not verified), and every fact it
 * relies on that the research marks UNVERIFIED.
 */
import type { Citation, Finding } from "../simulation-types.ts";
import { strings } from "../strings.ts";

const t = strings.treaties;

/** A finding as a list item; `showMeasures` adds the measures it concerns after its outcome. */
export function FindingItem({ finding, showMeasures = false }: { finding: Finding; showMeasures?: boolean }) {
  return (
    <li className={`finding outcome-${finding.outcome}`}>
      <strong>{finding.rule}</strong> — {t.outcomeEffect(finding.outcome, finding.effect)}
      {showMeasures && finding.measures ? ` (${finding.measures.join(", ")})` : null}
      <p>{finding.explanation}</p>
      <Citations citations={finding.citations} />
      {(finding.facts ?? [])
        .filter((fact) => !fact.verified)
        .map((fact, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a finding may rely on the same fact twice
          <p key={i} className="muted">
            {t.factUnverified(fact.jurisdiction, fact.fact)}
          </p>
        ))}
    </li>
  );
}

/** "Cites: <instrument> art. <n>; …", each linked to its source when it has one. */
export function Citations({ citations }: { citations: readonly Citation[] }) {
  if (citations.length === 0) return null;
  return (
    <p className="muted">
      {t.cites}:{" "}
      {citations.map((c, i) => {
        const text = t.citation(c.instrument, c.article);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: citations are a fixed list and may repeat
          <span key={i}>
            {i > 0 ? "; " : null}
            {c.url ? (
              <a href={c.url} rel="noreferrer" target="_blank">
                {text}
              </a>
            ) : (
              text
            )}
            {c.verified === false ? ` ${t.unverifiedArticle}` : null}
          </span>
        );
      })}
    </p>
  );
}
