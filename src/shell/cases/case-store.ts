/**
 * The case event store: each case's append-only events (payloads encrypted at rest), appended with
 * optimistic concurrency (an append names the version it was decided against; the (case_id, seq) key
 * refuses a second writer), the queue read model rewritten in the same transaction, and each event's
 * public record appended to the transparency log once the events are committed.
 */
import { type Kysely, sql } from "kysely";
import { AppError } from "../../core/app-error.ts";
import { type CaseCommand, decideCaseCommand } from "../../core/case/case-commands.ts";
import { type Actor, ActorSchema, type CaseEvent, CaseEventSchema } from "../../core/case/case-events.ts";
import {
  CASE_STAGES,
  type CaseStage,
  type CaseState,
  caseState,
  OPEN_STAGES,
} from "../../core/case/case-state.ts";
import { caseColumnContext, type DataKey, decryptPersonalData } from "../crypto/personal-data.ts";
import { isUniqueViolation } from "../intake/intake-tables.ts";
import { LogStaging, ticketIndexes } from "../log/log-staging.ts";
import type { LogStore } from "../log/log-store.ts";
import type { SequencedBatch, Sequencer } from "../log/sequencer.ts";
import type { DB } from "../store/schema.ts";
import {
  eventContext,
  eventRows,
  insertOpenings,
  newEventId,
  type OpenedCaseFacts,
  openingRows,
} from "./case-opening-rows.ts";
import { type CaseDB, type CaseQueueTable, withCaseTables } from "./case-tables.ts";

/** What the case store needs of the log: appending records, and finding their indexes. */
export interface CaseLog {
  readonly sequencer: Pick<Sequencer, "append" | "sequenceWithin" | "committed">;
  readonly store: Pick<LogStore, "indexOfEvent">;
}

export interface CaseStoreOptions {
  readonly db: Kysely<DB>;
  readonly log: CaseLog;
  readonly dataKey: DataKey;
  /** Random opaque ids for public records (tests may fix them). */
  readonly newEventId?: () => string;
}

export interface StoredCase {
  readonly caseId: string;
  readonly events: readonly CaseEvent[];
  readonly state: CaseState;
  readonly queue: QueueEntry;
}

export interface QueueEntry {
  readonly case_id: string;
  readonly stage: CaseStage;
  readonly verdict: string | null;
  readonly requesting_state: string;
  readonly profile: string;
  readonly emergency: boolean;
  readonly deadline: string | null;
  readonly overdue: boolean;
  readonly received_at: string;
  readonly updated_at: string;
  readonly version: number;
}

export interface QueueFilters {
  readonly verdict?: string | undefined;
  readonly requestingState?: string | undefined;
  readonly profile?: string | undefined;
  readonly stage?: CaseStage | undefined;
  readonly emergency?: boolean | undefined;
  readonly overdue?: boolean | undefined;
  /** Only cases whose deadline is before this instant. */
  readonly dueBefore?: string | undefined;
  /** Need-to-know: only cases assigned to this user or to nobody. */
  readonly visibleTo?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface AppendResult {
  readonly events: readonly CaseEvent[];
  readonly state: CaseState;
  /** The log index of each new event's public record, in order. */
  readonly logIndexes: readonly number[];
}

export interface EventLogEntry {
  readonly seq: number;
  readonly type: CaseEvent["type"];
  readonly event_id: string;
  readonly log_index: number | null;
}

export class CaseStore {
  readonly #db: Kysely<CaseDB>;
  readonly #log: CaseLog;
  readonly #key: DataKey;
  readonly #newEventId: () => string;

  constructor(options: CaseStoreOptions) {
    this.#db = withCaseTables(options.db);
    this.#log = options.log;
    this.#key = options.dataKey;
    this.#newEventId = options.newEventId ?? newEventId;
  }

  /**
   * Records a new case's first events (received, assessed) and logs their public records, in one
   * transaction. Retrying with the same case id is safe: the stored records are appended again (the log
   * deduplicates). Intake writes its new cases in its own group transactions (intake-writer.ts) and
   * comes here for replays.
   */
  async open(caseId: string, events: readonly CaseEvent[], facts: OpenedCaseFacts): Promise<AppendResult> {
    try {
      const rows = openingRows(caseId, events, facts, this.#key, this.#newEventId);
      const staging = new LogStaging();
      let sequenced: SequencedBatch | undefined;
      const [tickets = []] = await this.#db.transaction().execute(async (tx) => {
        const opened = await insertOpenings(tx, staging.stage, [rows]);
        sequenced = await staging.sequence(this.#log.sequencer, tx);
        return opened;
      });
      if (sequenced !== undefined) this.#log.sequencer.committed(sequenced);
      return { events, state: caseState(events), logIndexes: ticketIndexes(tickets) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const stored = await this.load(caseId);
      const rows = await this.#db
        .selectFrom("case_events")
        .select(["event_id", "public_record"])
        .where("case_id", "=", caseId)
        .where("seq", "<=", events.length)
        .orderBy("seq")
        .execute();
      if (stored.events.slice(0, events.length).some((e, i) => e.type !== events[i]?.type))
        throw new AppError("CONFLICT", `case ${caseId} was already opened with other events`);
      return {
        events: stored.events.slice(0, events.length),
        state: caseState(stored.events.slice(0, events.length)),
        logIndexes: await this.#publish(rows),
      };
    }
  }

  /** A case's events, state and queue entry; NOT_FOUND if there is none. */
  async load(caseId: string, now = new Date().toISOString()): Promise<StoredCase> {
    const queue = await this.#db
      .selectFrom("case_queue")
      .selectAll()
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    if (queue === undefined) throw new AppError("NOT_FOUND", `no case ${caseId}`);
    const events = await this.#loadEvents(this.#db, caseId);
    return { caseId, events, state: caseState(events), queue: toQueueEntry(queue, now) };
  }

  /**
   * Decides `command` against the case's current history and appends the resulting events; CONFLICT if
   * another writer appended in between (reload and retry), or the core's FORBIDDEN / ILLEGAL_TRANSITION /
   * INVALID_INPUT.
   */
  async execute(caseId: string, command: CaseCommand, actor: Actor, now: string): Promise<AppendResult> {
    const stored = await this.load(caseId, now);
    const events = decideCaseCommand(stored.events, command, actor, now);
    return this.append(caseId, stored.events.length, events);
  }

  /** Appends events decided against version `expectedVersion` (the number of events seen). */
  async append(caseId: string, expectedVersion: number, events: readonly CaseEvent[]): Promise<AppendResult> {
    let history: CaseEvent[] = [];
    let records: Array<{ event_id: string; public_record: string }>;
    try {
      records = await this.#db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom("case_queue")
          .selectAll()
          .where("case_id", "=", caseId)
          .executeTakeFirst();
        if (row === undefined) throw new AppError("NOT_FOUND", `no case ${caseId}`);
        if (row.version !== expectedVersion) throw concurrentChange(caseId);
        history = await this.#loadEvents(tx, caseId);
        // Under READ COMMITTED (PostgreSQL) another writer may have committed between the two reads:
        // the events, not the row read before them, are what this append must extend.
        if (history.length !== expectedVersion) throw concurrentChange(caseId);
        return this.#insertEvents(tx, row, history, events);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw concurrentChange(caseId);
      throw error;
    }
    return {
      events,
      state: caseState([...history, ...events]),
      logIndexes: await this.#publish(records),
    };
  }

  /** The queue: overdue cases first, then by deadline (none last), then by receipt. */
  async listQueue(filters: QueueFilters, now: string): Promise<QueueEntry[]> {
    const open = [...OPEN_STAGES];
    const isOverdue = sql<boolean>`(deadline is not null and deadline < ${now} and stage in (${sql.join(open)}))`;
    let query = this.#db.selectFrom("case_queue").selectAll();
    if (filters.verdict !== undefined) query = query.where("verdict", "=", filters.verdict);
    if (filters.requestingState !== undefined)
      query = query.where("requesting_state", "=", filters.requestingState);
    if (filters.profile !== undefined) query = query.where("profile", "=", filters.profile);
    if (filters.stage !== undefined) query = query.where("stage", "=", filters.stage);
    if (filters.emergency !== undefined) query = query.where("emergency", "=", filters.emergency ? 1 : 0);
    if (filters.dueBefore !== undefined) query = query.where("deadline", "<", filters.dueBefore);
    if (filters.overdue === true) query = query.where(isOverdue);
    if (filters.overdue === false) query = query.where(sql<boolean>`not ${isOverdue}`);
    const visibleTo = filters.visibleTo;
    if (visibleTo !== undefined)
      query = query.where((eb) =>
        eb.or([
          eb.not(
            eb.exists(
              eb
                .selectFrom("case_assignments")
                .select("case_assignments.user_id")
                .whereRef("case_assignments.case_id", "=", "case_queue.case_id"),
            ),
          ),
          eb.exists(
            eb
              .selectFrom("case_assignments")
              .select("case_assignments.user_id")
              .whereRef("case_assignments.case_id", "=", "case_queue.case_id")
              .where("case_assignments.user_id", "=", visibleTo),
          ),
        ]),
      );
    const rows = await query
      .orderBy(sql`case when ${isOverdue} then 0 else 1 end`)
      .orderBy(sql`case when deadline is null then 1 else 0 end`)
      .orderBy("deadline")
      .orderBy("received_at")
      .orderBy("case_id")
      .limit(filters.limit ?? 100)
      .offset(filters.offset ?? 0)
      .execute();
    return rows.map((row) => toQueueEntry(row, now));
  }

  /**
   * The personal data of a case: the request and the assessment as stored by intake (decrypted; legacy
   * plaintext rows pass through). Null fields where intake holds no row. Callers log the read first.
   */
  async readPersonalData(caseId: string): Promise<{ request: unknown; assessment: unknown }> {
    const row = await this.#db
      .selectFrom("cases")
      .select(["request_json", "assessment_json"])
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    if (row === undefined) return { request: null, assessment: null };
    return {
      request: JSON.parse(
        decryptPersonalData(this.#key, row.request_json, caseColumnContext(caseId, "request_json")),
      ),
      assessment: JSON.parse(
        decryptPersonalData(this.#key, row.assessment_json, caseColumnContext(caseId, "assessment_json")),
      ),
    };
  }

  /** Ids of the sealed cases (the scheduler's work list). */
  async sealedCaseIds(): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("case_queue")
      .select("case_id")
      .where("stage", "=", "sealed")
      .execute();
    return rows.map((r) => r.case_id);
  }

  /** Each event's public record id and its log index (null if not yet in the log). */
  async logEntries(caseId: string): Promise<EventLogEntry[]> {
    const rows = await this.#db
      .selectFrom("case_events")
      .select(["seq", "type", "event_id"])
      .where("case_id", "=", caseId)
      .orderBy("seq")
      .execute();
    const out: EventLogEntry[] = [];
    for (const row of rows)
      out.push({
        seq: row.seq,
        type: row.type as CaseEvent["type"],
        event_id: row.event_id,
        log_index: (await this.#log.store.indexOfEvent(row.event_id)) ?? null,
      });
    return out;
  }

  /** Decisions against the assessor, newest first: what auditors review. */
  async listOverrides(limit = 100): Promise<Array<{ case_id: string; seq: number; event: CaseEvent }>> {
    const rows = await this.#db
      .selectFrom("case_events")
      .selectAll()
      .where("type", "=", "decided")
      .orderBy("at", "desc")
      .orderBy("case_id")
      .execute();
    const out: Array<{ case_id: string; seq: number; event: CaseEvent }> = [];
    for (const row of rows) {
      const event = this.#decode(row);
      if (event.type === "decided" && event.payload.against_assessor)
        out.push({ case_id: row.case_id, seq: row.seq, event });
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Appends to the log every stored record that is not there yet (an append that failed after its
   * events committed, e.g. a crash). Returns how many were appended.
   */
  async publishPending(): Promise<number> {
    const rows = await this.#db
      .selectFrom("case_events")
      .leftJoin("log_entries", "log_entries.event_id", "case_events.event_id")
      .select(["case_events.event_id", "case_events.public_record"])
      .where("log_entries.idx", "is", null)
      .orderBy("case_events.case_id")
      .orderBy("case_events.seq")
      .execute();
    await this.#publish(rows);
    return rows.length;
  }

  async #loadEvents(db: Kysely<CaseDB>, caseId: string): Promise<CaseEvent[]> {
    const rows = await db
      .selectFrom("case_events")
      .selectAll()
      .where("case_id", "=", caseId)
      .orderBy("seq")
      .execute();
    return rows.map((row) => this.#decode(row));
  }

  #decode(row: {
    case_id: string;
    seq: number;
    type: string;
    at: string;
    actor_json: string;
    payload_enc: string;
  }): CaseEvent {
    const payload = JSON.parse(
      decryptPersonalData(this.#key, row.payload_enc, eventContext(row.case_id, row.seq)),
    );
    return CaseEventSchema.parse({
      type: row.type,
      at: row.at,
      actor: ActorSchema.parse(JSON.parse(row.actor_json)),
      payload,
    }) as CaseEvent;
  }

  /** Inserts events after `history` and rewrites the queue entry; returns the records to publish. */
  async #insertEvents(
    tx: Kysely<CaseDB>,
    row: CaseQueueTable,
    history: readonly CaseEvent[],
    events: readonly CaseEvent[],
  ): Promise<Array<{ event_id: string; public_record: string }>> {
    const { rows, records } = eventRows(row, history, events, this.#key, this.#newEventId);
    if (rows.length > 0) await tx.insertInto("case_events").values(rows).execute();
    const all = [...history, ...events];
    const state = caseState(all);
    const updated = await tx
      .updateTable("case_queue")
      .set({
        version: all.length,
        stage: state.stage,
        verdict: state.assessorVerdict,
        emergency: state.emergency ? 1 : 0,
        deadline: state.deadline,
        received_at: state.receivedAt,
        updated_at: events.at(-1)?.at ?? row.updated_at,
      })
      .where("case_id", "=", row.case_id)
      .where("version", "=", history.length)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw concurrentChange(row.case_id);
    return records;
  }

  async #publish(records: ReadonlyArray<{ event_id: string; public_record: string }>): Promise<number[]> {
    const acks = records.map((r) =>
      this.#log.sequencer.append(Buffer.from(r.public_record, "utf8"), { eventId: r.event_id }),
    );
    return (await Promise.all(acks)).map((a) => a.index);
  }
}

function concurrentChange(caseId: string): AppError {
  return new AppError("CONFLICT", `case ${caseId} changed meanwhile; reload it and try again`);
}

function toQueueEntry(row: CaseQueueTable, now: string): QueueEntry {
  const stage = CASE_STAGES.find((s) => s === row.stage) ?? "received";
  return {
    case_id: row.case_id,
    stage,
    verdict: row.verdict,
    requesting_state: row.requesting_state,
    profile: row.profile,
    emergency: Number(row.emergency) === 1,
    deadline: row.deadline,
    overdue: row.deadline !== null && OPEN_STAGES.has(stage) && Date.parse(now) > Date.parse(row.deadline),
    received_at: row.received_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}
