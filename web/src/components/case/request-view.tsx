/** The request as received, in readable form: who asks whom, on what basis, about what, for which data. */
import type { CaseRequest } from "../../case-types.ts";
import { strings } from "../../strings.ts";

const t = strings.staff.request;
const dt = strings.staff.dateTime;
const term = strings.staff.term;

export function RequestView({ request }: { request: CaseRequest }) {
  const { requesting, requested, legal_basis: basis } = request;
  return (
    <dl className="facts request-facts">
      <dt>{t.from}</dt>
      <dd>
        <span>
          {requesting.authority} ({requesting.state}, {term(requesting.kind)})
        </span>
        {requesting.validated_by ? (
          <span className="muted">
            {t.validatedBy(requesting.validated_by.authority, term(requesting.validated_by.kind))}
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
        {term(basis.instrument)}
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
      <dd>{request.case.conduct.map(term).join(", ")}</dd>
      <dt>{t.intent}</dt>
      <dd>{term(request.case.intent_alleged)}</dd>
      <dt>{t.stageOfProceedings}</dt>
      <dd>{term(request.case.stage)}</dd>
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
              <strong>{t.subject(term(subject.role))}</strong>:{" "}
              {subject.identifiers
                .map((identifier) => `${term(identifier.type)} ${identifier.value}`)
                .join("; ")}
              {subject.nationality ? ` · ${t.nationality(subject.nationality)}` : ""}
              {subject.location ? ` · ${t.location(subject.location)}` : ""}
              {subject.attributes && subject.attributes.length > 0
                ? ` · ${subject.attributes.map(term).join(", ")}`
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
              <strong>{term(measure.type)}</strong>
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
              ? t.emergency(term(request.urgency.threat), request.urgency.explanation)
              : t.notEmergency(term(request.urgency.threat))}
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
