/**
 * The case's public records in the transparency log, one per event, with their proof status: on request
 * the browser fetches the log's checkpoint and verifies each entry's inclusion itself (web/src/log/).
 */
import { useState } from "react";
import type { TimelineEvent } from "../../case-types.ts";
import { fetchCheckpoint, verifyEntryInclusion } from "../../log/log-client.ts";
import { LogVerifyError } from "../../log/log-verify-error.ts";
import { href } from "../../router.ts";
import { strings } from "../../strings.ts";
import { RecordTable } from "../record-table.tsx";

const t = strings.staff.case;

type Proof =
  | { readonly status: "unchecked" | "pending" | "not-yet" | "included" | "failed" }
  | { readonly status: "error"; readonly message: string };

function proofLabel(proof: Proof): string {
  switch (proof.status) {
    case "unchecked":
      return t.proof.unchecked;
    case "pending":
      return t.proof.pending;
    case "not-yet":
      return t.proof.notYet;
    case "included":
      return t.proof.included;
    case "failed":
      return t.proof.failed;
    case "error":
      return t.proof.error(proof.message);
  }
}

function describe(error: unknown): string {
  return error instanceof LogVerifyError ? strings.log.errors[error.code] : String(error);
}

export function CaseLogEntries({ events }: { events: readonly TimelineEvent[] }) {
  const [proofs, setProofs] = useState<ReadonlyMap<number, Proof>>(new Map());
  const [isChecking, setChecking] = useState(false);

  async function checkProofs() {
    setChecking(true);
    const next = new Map<number, Proof>();
    try {
      const checkpoint = await fetchCheckpoint();
      for (const event of events) {
        if (event.log_index === null) next.set(event.seq, { status: "pending" });
        else if (checkpoint === undefined || event.log_index >= checkpoint.signed.checkpoint.size)
          next.set(event.seq, { status: "not-yet" });
        else {
          try {
            const result = await verifyEntryInclusion(checkpoint.signed.checkpoint, event.log_index);
            next.set(event.seq, { status: result.isIncluded ? "included" : "failed" });
          } catch (error) {
            next.set(event.seq, { status: "error", message: describe(error) });
          }
        }
      }
    } catch (error) {
      for (const event of events) next.set(event.seq, { status: "error", message: describe(error) });
    }
    setProofs(next);
    setChecking(false);
  }

  const c = t.columns;
  return (
    <>
      <p className="muted">{t.logIntro}</p>
      <p>
        <button type="button" className="secondary" onClick={checkProofs} disabled={isChecking}>
          {isChecking ? t.checking : t.checkProofs}
        </button>
      </p>
      <RecordTable
        testId="case-log-entries"
        headings={[c.index, c.event, c.eventId, c.proof]}
        variant="log-entries"
        isBodyLive
      >
        {events.map((event) => {
          const proof: Proof =
            proofs.get(event.seq) ??
            (event.log_index === null ? { status: "pending" } : { status: "unchecked" });
          return (
            <tr key={event.seq} data-testid="log-entry-row">
              <th scope="row" data-label={c.index} data-testid="log-index">
                {event.log_index ?? strings.staff.none}
              </th>
              <td data-label={c.event}>{strings.staff.events[event.type] ?? event.type}</td>
              <td data-label={c.eventId}>
                <code className="hash">{event.event_id}</code>
              </td>
              <td data-label={c.proof} data-testid="proof-status" className={`proof-${proof.status}`}>
                {proofLabel(proof)}
              </td>
            </tr>
          );
        })}
      </RecordTable>
      <p className="muted">
        <a href={href("log")}>{strings.home.cards.log}</a>
      </p>
    </>
  );
}
