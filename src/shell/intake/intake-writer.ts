/**
 * Intake's writer: submissions are written in groups, ONE transaction per group, and each submission's
 * promise settles only once its group committed (an acknowledgement means durable).
 *
 * A group is a handful of statements whatever its size (issue 4's throughput): one lookup of the ids
 * already received, one multi-row INSERT per table (cases, journal, the case workflow's queue and
 * events), the new cases' public records sequenced into the log in the same transaction, one commit
 * (one fsync under SQLite synchronous=FULL). On PostgreSQL this is what matters: a statement is a round
 * trip, and a group that took five per submission would hold the writer for all of them.
 *
 * A group is cut when the writer is free and either GROUP_TARGET submissions wait or MAX_WAIT_MS have
 * passed since the first arrived at an idle writer or since the previous group was written: under load,
 * a short wait lets a group fill instead of committing a handful at a time (a commit's cost barely depends on
 * its size: fsync, plus the pages of every index touched). A lone submission waits at most MAX_WAIT_MS.
 * Measured on the 2-core machine: 5 ms and 32 gave the most receipts per second at 32 and 64 clients.
 * If a group fails (say another process received the same request between
 * our lookup and our insert), every submission in it is written again alone, after a fresh lookup.
 */
import type { Insertable, Kysely, Transaction } from "kysely";
import { HTTP_STATUS } from "../../core/app-error.ts";
import { REJECTION_CODE, type RejectionReason } from "../../core/intake/intake-rejection.ts";
import type { OpeningRows } from "../cases/case-opening-rows.ts";
import { LogStaging, type LogTicket, type StageLogEntry, type TransactionalLog } from "../log/log-staging.ts";
import type { SequencedBatch } from "../log/sequencer.ts";
import { insertChunks } from "../store/insert-chunks.ts";
import { type IntakeDB, type IntakeJournalTable, isUniqueViolation } from "./intake-tables.ts";
import type { Claims, PreparedCase } from "./prepare-submission.ts";

/** What the journal keeps of any submission. */
export interface Submission {
  readonly receivedAt: number;
  readonly bodySha256: string;
  readonly bodySize: number;
  readonly claims: Claims;
}

/** A case already received under the same authority and request id. */
export interface ExistingCase {
  readonly case_id: string;
  readonly request_sha256: string;
  readonly profile: string;
  readonly verdict: string;
  readonly assessment_json: string;
  readonly received_at: number;
  readonly commitment_salt: string;
}

export type RecordOutcome =
  /** A new case, written with its journal row; the tickets carry its records' log indexes. */
  | { readonly kind: "accepted"; readonly tickets: readonly LogTicket[] }
  /** The same request again (same id, same content): journaled as a replay of `existing`. */
  | { readonly kind: "replayed"; readonly existing: ExistingCase }
  /** The same id with other content: nothing written (the caller journals the rejection). */
  | { readonly kind: "conflict"; readonly existing: ExistingCase };

/** Inserts new cases' workflow rows (queue entries, events) in the group's transaction, staging records. */
export type OpeningsWriter = (
  tx: Transaction<IntakeDB>,
  stage: StageLogEntry,
  openings: readonly OpeningRows[],
) => Promise<LogTicket[][]>;

/** Submissions that make a group worth committing at once. */
const GROUP_TARGET = 32;
/** The longest a submission waits for others to share its commit. */
const MAX_WAIT_MS = 5;

export interface IntakeWriterOptions {
  /** The log the new cases' records are sequenced into (with `openings`). */
  readonly log?: TransactionalLog | undefined;
  readonly openings?: OpeningsWriter | undefined;
}

type Item =
  | {
      readonly kind: "record";
      readonly submission: Submission;
      readonly prepared: PreparedCase;
      readonly resolve: (outcome: RecordOutcome) => void;
      readonly reject: (error: unknown) => void;
    }
  | {
      readonly kind: "rejected";
      readonly submission: Submission;
      readonly reason: RejectionReason;
      readonly resolve: () => void;
      readonly reject: (error: unknown) => void;
    };

type RecordItem = Extract<Item, { kind: "record" }>;

export class IntakeWriter {
  readonly #db: Kysely<IntakeDB>;
  readonly #log: TransactionalLog | undefined;
  readonly #openings: OpeningsWriter | undefined;
  #queue: Item[] = [];
  /** Since when the queued submissions wait (performance.now()): the first's arrival at an idle writer,
   * or the end of the group written meanwhile. */
  #waitingSince = 0;
  #timer: NodeJS.Timeout | undefined;
  #cutting = false;
  #writing = false;

  constructor(db: Kysely<IntakeDB>, options: IntakeWriterOptions = {}) {
    this.#db = db;
    this.#log = options.log;
    this.#openings = options.openings;
  }

  /** Writes a prepared case (or finds it received before); resolves once committed. */
  record(submission: Submission, prepared: PreparedCase): Promise<RecordOutcome> {
    return new Promise((resolve, reject) => {
      this.#enqueue({ kind: "record", submission, prepared, resolve, reject });
      this.#schedule();
    });
  }

  /** Journals a refused submission; resolves once committed. */
  journalRejection(submission: Submission, reason: RejectionReason): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#enqueue({ kind: "rejected", submission, reason, resolve, reject });
      this.#schedule();
    });
  }

  #enqueue(item: Item): void {
    if (this.#queue.length === 0 && !this.#writing) this.#waitingSince = performance.now();
    this.#queue.push(item);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#writing || this.#cutting || this.#queue.length === 0) return;
    const wait = MAX_WAIT_MS - (performance.now() - this.#waitingSince);
    if (this.#queue.length >= GROUP_TARGET || wait <= 0) {
      this.#cutting = true;
      setImmediate(() => this.#cut());
    } else this.#timer ??= setTimeout(() => this.#cut(), wait);
  }

  #cut(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#cutting = false;
    if (this.#writing || this.#queue.length === 0) return;
    const group = this.#queue;
    this.#queue = [];
    this.#writing = true;
    void this.#writeGroup(group).finally(() => {
      this.#writing = false;
      // What arrived meanwhile waits from now: under load a group gets MAX_WAIT_MS to fill.
      this.#waitingSince = performance.now();
      this.#schedule();
    });
  }

  async #writeGroup(group: readonly Item[]): Promise<void> {
    try {
      this.#settle(group, await this.#commit(group));
    } catch {
      for (const item of group) await this.#writeAlone(item);
    }
  }

  /** One submission in its own transaction; a unique violation means another writer won: look again. */
  async #writeAlone(item: Item): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.#settle([item], await this.#commit([item]));
        return;
      } catch (error) {
        if (attempt < 2 && isUniqueViolation(error)) continue;
        item.reject(error);
        return;
      }
    }
  }

  #settle(group: readonly Item[], outcomes: ReadonlyArray<RecordOutcome | undefined>): void {
    group.forEach((item, i) => {
      if (item.kind === "rejected") item.resolve();
      else item.resolve(outcomes[i]!);
    });
  }

  /** The group's transaction; the log hears of the sequenced batch only once it committed. */
  async #commit(group: readonly Item[]): Promise<Array<RecordOutcome | undefined>> {
    let sequenced: SequencedBatch | undefined;
    const outcomes = await this.#db.transaction().execute(async (tx) => {
      const written = await this.#write(tx, group);
      sequenced = written.sequenced;
      return written.outcomes;
    });
    if (sequenced !== undefined) this.#log?.committed(sequenced);
    return outcomes;
  }

  async #write(
    tx: Transaction<IntakeDB>,
    group: readonly Item[],
  ): Promise<{ outcomes: Array<RecordOutcome | undefined>; sequenced: SequencedBatch | undefined }> {
    const records = group.filter((item): item is RecordItem => item.kind === "record");
    const known = await this.#received(tx, records);
    const outcomes: Array<RecordOutcome | undefined> = [];
    const accepted: Array<{ readonly position: number; readonly prepared: PreparedCase }> = [];
    const journal: Array<Insertable<IntakeJournalTable>> = [];
    group.forEach((item, position) => {
      if (item.kind === "rejected") {
        journal.push(journalRow(item.submission, "rejected", item.reason, null));
        outcomes.push(undefined);
        return;
      }
      const { prepared } = item;
      const key = keyOf(prepared.authorityId, prepared.requestId);
      const prior = known.get(key);
      if (prior === undefined) {
        // The first of its id in the group: new. Later ones in the group are replays of it (or conflicts).
        known.set(key, existingOf(prepared));
        accepted.push({ position, prepared });
        journal.push(journalRow(item.submission, "accepted", "accepted", prepared.caseRow.case_id));
        outcomes.push({ kind: "accepted", tickets: [] });
      } else if (prior.request_sha256 !== prepared.requestSha256) {
        outcomes.push({ kind: "conflict", existing: prior });
      } else {
        journal.push(journalRow(item.submission, "replayed", "replayed", prior.case_id));
        outcomes.push({ kind: "replayed", existing: prior });
      }
    });
    for (const rows of insertChunks(accepted.map((a) => a.prepared.caseRow)))
      await tx.insertInto("cases").values(rows).execute();
    for (const rows of insertChunks(journal)) await tx.insertInto("intake_journal").values(rows).execute();
    if (this.#openings === undefined || this.#log === undefined) return { outcomes, sequenced: undefined };
    // Without a workflow a prepared case has no opening (prepare-submission.ts); its receipt has no index.
    const opened = accepted.flatMap((a) =>
      a.prepared.opening === null ? [] : [{ ...a, opening: a.prepared.opening }],
    );
    const staging = new LogStaging();
    const tickets = await this.#openings(
      tx,
      staging.stage,
      opened.map((o) => o.opening),
    );
    opened.forEach((o, i) => {
      outcomes[o.position] = { kind: "accepted", tickets: tickets[i] ?? [] };
    });
    return { outcomes, sequenced: await staging.sequence(this.#log, tx) };
  }

  /** The cases already received under the group's (authority, request id) pairs, in one query. */
  async #received(
    tx: Transaction<IntakeDB>,
    records: readonly RecordItem[],
  ): Promise<Map<string, ExistingCase>> {
    const found = new Map<string, ExistingCase>();
    const pairs = [
      ...new Map(records.map((r) => [keyOf(r.prepared.authorityId, r.prepared.requestId), r])).values(),
    ];
    for (const chunk of insertChunks(pairs)) {
      const rows = await tx
        .selectFrom("cases")
        .select([
          "authority_id",
          "request_id",
          "case_id",
          "request_sha256",
          "profile",
          "verdict",
          "assessment_json",
          "received_at",
          "commitment_salt",
        ])
        .where((eb) =>
          eb(
            eb.refTuple("authority_id", "request_id"),
            "in",
            chunk.map((r) => eb.tuple(r.prepared.authorityId, r.prepared.requestId)),
          ),
        )
        .execute();
      for (const row of rows)
        found.set(keyOf(row.authority_id, row.request_id), { ...row, received_at: Number(row.received_at) });
    }
    return found;
  }
}

function keyOf(authorityId: string, requestId: string): string {
  return JSON.stringify([authorityId, requestId]);
}

function existingOf(prepared: PreparedCase): ExistingCase {
  const row = prepared.caseRow;
  return {
    case_id: row.case_id,
    request_sha256: row.request_sha256,
    profile: row.profile,
    verdict: row.verdict,
    assessment_json: row.assessment_json,
    received_at: row.received_at,
    commitment_salt: row.commitment_salt,
  };
}

/** The journal row of a submission; the status is what the client was (or will be) answered. */
export function journalRow(
  submission: Submission,
  outcome: IntakeJournalTable["outcome"],
  reason: string,
  caseId: string | null,
): Insertable<IntakeJournalTable> {
  const status =
    outcome === "accepted"
      ? 201
      : outcome === "replayed"
        ? 200
        : HTTP_STATUS[REJECTION_CODE[reason as RejectionReason] ?? "INTERNAL"];
  return {
    received_at: submission.receivedAt,
    authority_id: submission.claims.authorityId,
    request_id: submission.claims.requestId,
    outcome,
    reason,
    status,
    body_sha256: submission.bodySha256,
    body_size: submission.bodySize,
    case_id: caseId,
  };
}
