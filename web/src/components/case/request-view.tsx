/** The request as received, in readable form: who asks whom, on what basis, about what, for which data. */
import type { CaseRequest } from "../../case-types.ts";
import { strings } from "../../strings.ts";

const t = strings.staff.request;
const dt = strings.staff.dateTime;

export function RequestView({ request }: { request: CaseRequest }) {
  const { requesting, requested, legal_basis: basis } = request;
  return (
    <dl className="facts request-facts">
      <dt>{t.from}</dt>
      <dd>
        <span>
          {requesting.authority} ({requesting.state}, {requesting.kind})
        </span>
        {requesting.validated_by ? (
          <span className="muted">
            {t.validatedBy(requesting.validated_by.authority, requesting.validated_by.kind)}
          </span>
        ) : null}
      </dd>
      <dt>{t.to}</dt>
      <dd>
        {requested.party === "provider" && requested.provider
          ? t.provider(requested.provider, requested.provider_state ?? requested.state)
          : t.centralAuthority(requested.state)}
      </dd>
      <dt>{t.issued}</dt>
      <dd>{dt(request.issued_at)}</dd>
      <dt>{t.reference}</dt>
      <dd>
        <span>
          <code>{request.case.reference}</code> · <code>{request.id}</code>
        </span>
      </dd>
      <dt>{t.legalBasis}</dt>
      <dd>
        {basis.instrument}
        {basis.articles && basis.articles.length > 0 ? `, ${t.articles(basis.articles.join(", "))}` : ""}
      </dd>
      <dt>{t.offences}</dt>
      <dd>
        <ul className="plain-list">
          {request.case.offences.map((offence, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the request's offences are a fixed list
            <li key={i}>{t.offence(offence.title, offence.statute, offence.max_penalty_months)}</li>
          ))}
        </ul>
      </dd>
      <dt>{t.conduct}</dt>
      <dd>{request.case.conduct.join(", ")}</dd>
      <dt>{t.intent}</dt>
      <dd>{request.case.intent_alleged}</dd>
      <dt>{t.stageOfProceedings}</dt>
      <dd>{request.case.stage}</dd>
      <dt>{t.facts}</dt>
      <dd>
        <p className="facts-text">{request.case.facts}</p>
      </dd>
      <dt>{t.subjects}</dt>
      <dd>
        <ul className="plain-list">
          {request.subjects.map((subject, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the request's subjects are a fixed list
            <li key={i}>
              <strong>{t.subject(subject.role)}</strong>:{" "}
              {subject.identifiers.map((identifier) => `${identifier.type} ${identifier.value}`).join("; ")}
              {subject.nationality ? ` · ${t.nationality(subject.nationality)}` : ""}
              {subject.location ? ` · ${t.location(subject.location)}` : ""}
              {subject.attributes && subject.attributes.length > 0
                ? ` · ${subject.attributes.join(", ")}`
                : ""}
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t.measures}</dt>
      <dd>
        <ul className="plain-list">
          {request.measures.map((measure, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the request's measures are a fixed list
            <li key={i}>
              <strong>{measure.type}</strong>
              {measure.from && measure.to ? ` ${t.period(dt(measure.from), dt(measure.to))}` : ""}
              {measure.details ? ` — ${measure.details}` : ""}
            </li>
          ))}
        </ul>
      </dd>
      {request.urgency ? (
        <>
          <dt>{t.urgency}</dt>
          <dd>
            {request.urgency.emergency
              ? t.emergency(request.urgency.threat, request.urgency.explanation)
              : t.notEmergency(request.urgency.threat)}
          </dd>
        </>
      ) : null}
      <dt>{t.confidentiality}</dt>
      <dd>
        {request.confidentiality?.requested
          ? t.secrecy(request.confidentiality.months, request.confidentiality.justification)
          : t.noSecrecy}
      </dd>
    </dl>
  );
}
