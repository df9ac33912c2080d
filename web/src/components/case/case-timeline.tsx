/** The case's events in order: what happened, when, who did it, what they wrote, and its log entry. */
import type { Actor, TimelineEvent } from "../../case-types.ts";
import { strings } from "../../strings.ts";

const s = strings.staff;

/** Who did something: a user by id ("you" for the signed-in user), or the system component. */
export function actorLabel(actor: Actor, selfId?: string): string {
  if (actor.kind === "system") return s.actor("system", actor.component, "");
  return actor.user_id === selfId
    ? s.you(s.roles[actor.role])
    : s.actor("user", actor.user_id, s.roles[actor.role]);
}

function payloadValue(value: unknown): string {
  if (typeof value === "boolean") return value ? s.yes : s.no;
  if (Array.isArray(value)) return value.length === 0 ? s.none : value.map((v) => payloadValue(v)).join(", ");
  if (value === null || value === undefined) return s.none;
  if (typeof value === "object") return JSON.stringify(value);
  // Instants (a deadline) read as dates; days (a secrecy end) stay as they are.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return s.dateTime(value);
  return String(value);
}

// Shown per event type: the fields a reader needs, not every internal one (e.g. the request's hash).
const SHOWN = new Set(Object.keys(s.payload));

export function CaseTimeline({ events, selfId }: { events: readonly TimelineEvent[]; selfId: string }) {
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => {
        const fields = Object.entries(event.payload).filter(
          ([key, value]) => SHOWN.has(key) && !(Array.isArray(value) && value.length === 0),
        );
        return (
          <li key={event.seq} className="timeline-item" data-testid="timeline-event" data-type={event.type}>
            <p className="timeline-head">
              <strong>{s.events[event.type] ?? event.type}</strong>{" "}
              <span className="muted">
                {s.dateTime(event.at)} · {actorLabel(event.actor, selfId)} ·{" "}
                {event.log_index === null ? s.notLogged : s.logEntry(event.log_index)}
              </span>
            </p>
            {fields.length > 0 ? (
              <dl className="facts timeline-facts">
                {fields.map(([key, value]) => (
                  <div key={key} className="fact-pair">
                    <dt>{s.payload[key]}</dt>
                    <dd>{payloadValue(value)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
