/**
 * The assessment's findings grouped by measure: each measure with its verdict, then the findings that
 * concern it (or the whole request), each with its plain-language explanation and the articles it cites.
 */
import type { Assessment, Finding } from "../../simulation-types.ts";
import { strings } from "../../strings.ts";
import { Citations, FindingItem } from "../finding-item.tsx";
import { VerdictTag } from "./case-badges.tsx";

const t = strings.staff.case;
const tt = strings.treaties;

export function FindingsByMeasure({ assessment }: { assessment: Assessment }) {
  const relevant = assessment.findings.filter((f) => f.outcome !== "not_applicable");
  const general = relevant.filter((f) => f.measures === undefined || f.measures.length === 0);
  return (
    <div className="findings-by-measure">
      <p>
        {tt.verdict}: <VerdictTag verdict={assessment.verdict} />{" "}
        <span className="muted">({assessment.profile})</span>
      </p>
      {general.length > 0 ? (
        <section aria-labelledby="findings-general" className="measure-group">
          <h3 id="findings-general">{t.wholeRequest}</h3>
          <FindingList findings={general} />
        </section>
      ) : null}
      {assessment.measures.map((measure) => {
        const findings = relevant.filter((f) => f.measures?.includes(measure.type));
        const headingId = `findings-${measure.type}`;
        return (
          <section
            key={measure.type}
            aria-labelledby={headingId}
            className="measure-group"
            data-testid="measure-group"
          >
            <h3 id={headingId}>
              {measure.type}: <VerdictTag verdict={measure.verdict} />
              {measure.requires_authorisation ? (
                <span className="muted"> · {t.needsAuthorisation}</span>
              ) : null}
            </h3>
            {findings.length > 0 ? <FindingList findings={findings} /> : null}
          </section>
        );
      })}
      <p className="muted">{t.notApplicable(assessment.findings.length - relevant.length)}</p>
      <h3>{t.notificationHeading}</h3>
      <p>{assessment.notification.explanation}</p>
      <Citations citations={assessment.notification.citations} />
    </div>
  );
}

// What stops or holds a request reads first; passes after.
const ORDER: Record<Finding["outcome"], number> = { fail: 0, flag: 1, pass: 2, not_applicable: 3 };

function FindingList({ findings }: { findings: readonly Finding[] }) {
  const sorted = [...findings].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
  return (
    <ul className="finding-list">
      {sorted.map((finding, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: findings are a fixed list; one rule may give several
        <FindingItem key={i} finding={finding} />
      ))}
    </ul>
  );
}
