/**
 * Intake of signed requests (`POST /v1/requests`), as a short list of named steps:
 *
 *   1. decode the envelope `{ request, signature }`            (400, or 401 when unsigned)
 *   2. parse the detached JWS and find the kid's active key     (401)
 *   3. verify EdDSA over the request's RFC 8785 canonical JSON  (401)
 *   4. rate-limit the authenticated authority                    (429)
 *   5. validate the request and match kid = authority_id        (400 naming fields / 401)
 *   6. record: a replay returns the same case (200); the same id with other content is 409; else the
 *      case is assessed and stored with its journal row,
 *   7. and opened in the case workflow: its first events, and their public records in the log,
 *      steps 6 and 7 in ONE transaction (201 only after commit; concurrent submissions share that
 *      transaction and its one fsync, see intake-writer.ts).
 *
 * Steps 3 and 5 and the CPU part of 6 and 7 (assessing, sealing, building the rows) are pure of the
 * store (prepare-submission.ts) and run on worker threads when intake has them (intake-workers.ts); the
 * main thread decodes, looks the key up, rate-limits and writes.
 *
 * Every submission, whatever the outcome, leaves one intake journal row (auditors must see forged
 * attempts). The body is attacker-controlled: every failure becomes an IntakeRejection with a reason.
 */
import { randomUUIDv7 } from "node:crypto";
import type { Kysely } from "kysely";
import { AppError } from "../../core/app-error.ts";
import type { Assessment, Verdict } from "../../core/assess/assessment.ts";
import { parseDetachedJws } from "../../core/intake/detached-jws.ts";
import { IntakeRejection, type RejectionReason } from "../../core/intake/intake-rejection.ts";
import { TokenBuckets } from "../../core/intake/token-bucket.ts";
import type { AuthorityDirectory } from "../authorities/authority-directory.ts";
import type { IntakeCase } from "../cases/record-intake-case.ts";
import { caseColumnContext, type DataKey } from "../crypto/personal-data.ts";
import { pooledRandomBytes } from "../crypto/random-pool.ts";
import type { ShippedLaw } from "../kb/load-shipped-law.ts";
import { type TransactionalLog, ticketIndexes } from "../log/log-staging.ts";
import type { IntakeDB, IntakeJournalTable } from "./intake-tables.ts";
import type { IntakeWorkers } from "./intake-workers.ts";
import { IntakeWriter, type OpeningsWriter, type Submission } from "./intake-writer.ts";
import {
  cachedKeyObjects,
  canonicalizeRequest,
  decodeEnvelope,
  type PersonalDataSealer,
  type PreparationContext,
  type PreparedCase,
  parseEnvelopedRequest,
  prepareSubmission,
  type RejectionData,
  type SubmissionToPrepare,
  sha256Hex,
} from "./prepare-submission.ts";

/** Largest accepted body (HTTP 413 above it). */
export const MAX_INTAKE_BODY_BYTES = 1024 * 1024;

export interface IntakeServiceOptions {
  readonly db: Kysely<IntakeDB>;
  readonly directory: AuthorityDirectory;
  readonly law: ShippedLaw;
  /** Opens the committed case in the case workflow (events + public records in the log); without it
   * receipts carry `log_index: null`. */
  readonly openCase?: CaseOpener | undefined;
  /** Per-authority token bucket. Default 50 requests/s with bursts of 200. */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  readonly now?: () => number;
  readonly newCaseId?: () => string;
  readonly newSalt?: () => Uint8Array;
  /** How the request and assessment are sealed at rest; default plaintext. With workers, it must be the
   * sealing the workers do (AES-256-GCM under the data key they were started with). */
  readonly personalData?: PersonalDataSealer;
  /** Worker threads that prepare submissions; without them intake prepares in its own thread. */
  readonly workers?: IntakeWorkers | undefined;
}

export interface IntakeReceipt {
  /** 201 for a new case, 200 for a replay of an already received request. */
  readonly status: 200 | 201;
  readonly body: {
    readonly case_id: string;
    readonly verdict: Verdict;
    /** Parsed when first read: the HTTP layer sends `json` and never needs it. */
    readonly assessment: Assessment;
    readonly log_index: number | null;
  };
  /** `body` as JSON, built around the assessment's JSON as prepared (no parse and re-serialization). */
  readonly json: string;
}

export interface JournalEntry {
  readonly seq: number;
  readonly received_at: string;
  readonly authority_id: string | null;
  readonly request_id: string | null;
  readonly outcome: IntakeJournalTable["outcome"];
  readonly reason: string;
  readonly status: number;
  readonly body_sha256: string;
  readonly body_size: number;
  readonly case_id: string | null;
}

export type { PersonalDataSealer } from "./prepare-submission.ts";

const PLAINTEXT: PersonalDataSealer = { seal: (plaintext) => plaintext, open: (stored) => stored };

interface StoredCase {
  readonly caseId: string;
  readonly profileId: string;
  readonly verdict: Verdict;
  readonly assessmentJson: string;
  readonly receivedAt: number;
  readonly commitmentSalt: string;
  readonly isNew: boolean;
}

/**
 * What intake hands a new case to: the case workflow (src/shell/cases/record-intake-case.ts). Intake
 * prepares the case's first events and their public records with the workflow's data key; the workflow
 * inserts them and stages the records into the log, all in intake's transaction, so a receipt costs one
 * commit. The first ticket is the `received` record's: the receipt's `log_index`.
 */
export interface CaseOpener {
  /** The log that intake's group transactions sequence the staged records into. */
  readonly log: TransactionalLog;
  /** The key the events' payloads are sealed with. */
  readonly dataKey: DataKey;
  /** Inserts new cases' first events in intake's transaction and stages their records (per case). */
  readonly insertWithin: OpeningsWriter;
  /** A replay: the same log indexes again (any record missing from the log is appended). */
  readonly reopen: (input: IntakeCase) => Promise<{ readonly logIndexes: readonly number[] }>;
}

export class IntakeService {
  readonly #db: Kysely<IntakeDB>;
  readonly #directory: AuthorityDirectory;
  readonly #law: ShippedLaw;
  readonly #openCase: CaseOpener | undefined;
  readonly #writer: IntakeWriter;
  readonly #personalData: PersonalDataSealer;
  readonly #buckets: TokenBuckets;
  readonly #now: () => number;
  readonly #newCaseId: () => string;
  readonly #newSalt: () => Uint8Array;
  readonly #workers: IntakeWorkers | undefined;
  /** Step 3 onwards in this thread, when there are no workers. */
  readonly #context: PreparationContext;

  constructor(options: IntakeServiceOptions) {
    this.#db = options.db;
    this.#directory = options.directory;
    this.#law = options.law;
    this.#openCase = options.openCase;
    this.#writer = new IntakeWriter(options.db, {
      log: options.openCase?.log,
      openings: options.openCase?.insertWithin,
    });
    this.#personalData = options.personalData ?? PLAINTEXT;
    this.#buckets = new TokenBuckets(options.rateLimit ?? { perSecond: 50, burst: 200 });
    this.#now = options.now ?? Date.now;
    // Time-ordered (UUIDv7): new cases' index entries land together at the right edge of the B-trees, so
    // a group commit writes fewer pages than with random ids. Case ids are not public (records carry a
    // commitment), and the requesting authority knows when it sent the request.
    this.#newCaseId = options.newCaseId ?? (() => `case-${randomUUIDv7()}`);
    this.#newSalt = options.newSalt ?? (() => pooledRandomBytes(32));
    this.#workers = options.workers;
    // Workers seal with their data key; reading a replayed case back needs the same sealing here.
    if (options.workers !== undefined && options.personalData === undefined)
      throw new AppError("INTERNAL", "intake with workers needs personalData: the sealing the workers do");
    this.#context = {
      law: options.law,
      personalData: this.#personalData,
      dataKey: options.openCase?.dataKey,
      keyObject: cachedKeyObjects(),
    };
  }

  /** Takes one raw submission body; resolves with the receipt or throws the journaled IntakeRejection. */
  async submit(body: Uint8Array): Promise<IntakeReceipt> {
    const submission: Submission = {
      receivedAt: this.#now(),
      bodySha256: sha256Hex(body),
      bodySize: body.length,
      claims: { authorityId: null, requestId: null },
    };
    try {
      if (body.length > MAX_INTAKE_BODY_BYTES)
        throw new IntakeRejection("body_too_large", `the body exceeds ${MAX_INTAKE_BODY_BYTES} bytes`);
      const envelope = decodeEnvelope(body, submission.claims);
      const jws = parseDetachedJws(envelope.signature);
      submission.claims.authorityId = jws.kid;
      const publicKey = await this.#activeKey(jws.kid);
      const input: SubmissionToPrepare = {
        body,
        kid: jws.kid,
        publicKey,
        receivedAt: submission.receivedAt,
        caseId: this.#newCaseId(),
        salt: this.#newSalt(),
      };
      const prepared =
        this.#workers === undefined
          ? prepareSubmission(input, this.#context)
          : await this.#workers.prepare(input);
      if (prepared.kind === "unverified") throw rejectionOf(prepared.rejection);
      if (!this.#buckets.tryTake(jws.kid, submission.receivedAt))
        throw new IntakeRejection("rate_limited", `too many requests from ${jws.kid}; retry shortly`);
      if (prepared.kind === "invalid") throw rejectionOf(prepared.rejection);
      return await this.#record(submission, prepared.prepared, envelope.request);
    } catch (error) {
      const rejection =
        error instanceof IntakeRejection
          ? error
          : new IntakeRejection("internal", "the request could not be recorded; retry later", {
              cause: error,
            });
      await this.#writer.journalRejection(submission, rejection.reason);
      throw rejection;
    }
  }

  /** Journals a body refused before it was read (the HTTP layer's size limit), then returns the rejection. */
  async rejectUnreadBody(
    declaredSize: number,
    reason: RejectionReason,
    message: string,
  ): Promise<IntakeRejection> {
    const submission: Submission = {
      receivedAt: this.#now(),
      bodySha256: "unread",
      bodySize: declaredSize,
      claims: { authorityId: null, requestId: null },
    };
    await this.#writer.journalRejection(submission, reason);
    return new IntakeRejection(reason, message);
  }

  /** The journal in arrival order, after `afterSeq`, at most `limit` rows. */
  async listJournal(options: { afterSeq?: number; limit?: number } = {}): Promise<JournalEntry[]> {
    const rows = await this.#db
      .selectFrom("intake_journal")
      .selectAll()
      .where("seq", ">", options.afterSeq ?? 0)
      .orderBy("seq")
      .limit(options.limit ?? 100)
      .execute();
    return rows.map((row) => ({ ...row, received_at: new Date(Number(row.received_at)).toISOString() }));
  }

  /** Step 2: the kid's active key as stored, asked of the directory every time (revocations count at once). */
  async #activeKey(kid: string): Promise<string> {
    const key = await this.#directory.keyFor(kid);
    if (key.status === "unknown")
      throw new IntakeRejection("unknown_key", `no authority ${kid} in the key directory`);
    if (key.status === "revoked")
      throw new IntakeRejection("revoked_key", `the key of authority ${kid} is revoked`);
    return key.publicKey;
  }

  async #record(submission: Submission, prepared: PreparedCase, rawRequest: unknown): Promise<IntakeReceipt> {
    const outcome = await this.#writer.record(submission, prepared);
    switch (outcome.kind) {
      case "accepted":
        return receipt(
          {
            caseId: prepared.caseRow.case_id,
            profileId: prepared.profileId,
            verdict: prepared.verdict,
            assessmentJson: prepared.assessmentJson,
            receivedAt: submission.receivedAt,
            commitmentSalt: prepared.caseRow.commitment_salt,
            isNew: true,
          },
          ticketIndexes(outcome.tickets)[0] ?? null,
        );
      case "replayed": {
        const { existing } = outcome;
        const stored: StoredCase = {
          caseId: existing.case_id,
          profileId: existing.profile,
          verdict: existing.verdict as Verdict,
          assessmentJson: this.#personalData.open(
            existing.assessment_json,
            caseColumnContext(existing.case_id, "assessment_json"),
          ),
          receivedAt: existing.received_at,
          commitmentSalt: existing.commitment_salt,
          isNew: false,
        };
        return receipt(stored, await this.#reopenInWorkflow(stored, rawRequest));
      }
      case "conflict":
        throw new IntakeRejection(
          "conflict",
          `request ${prepared.requestId} was already received with different content; give a changed request a new id`,
        );
      default:
        return assertNever(outcome);
    }
  }

  /** A replay's log index: the workflow appends again what it stored (the log deduplicates). */
  async #reopenInWorkflow(stored: StoredCase, rawRequest: unknown): Promise<number | null> {
    if (this.#openCase === undefined) return null;
    const profile = this.#law.profiles.get(stored.profileId);
    if (profile === undefined) throw new AppError("INTERNAL", `profile ${stored.profileId} is not loaded`);
    const canonical = canonicalizeRequest(rawRequest);
    const { logIndexes } = await this.#openCase.reopen({
      caseId: stored.caseId,
      request: parseEnvelopedRequest(rawRequest),
      canonical,
      requestSha256: sha256Hex(canonical),
      assessment: JSON.parse(stored.assessmentJson) as Assessment,
      profile,
      salt: Buffer.from(stored.commitmentSalt, "hex"),
      receivedAt: new Date(stored.receivedAt),
    });
    return logIndexes[0] ?? null;
  }
}

function receipt(stored: StoredCase, logIndex: number | null): IntakeReceipt {
  let assessment: Assessment | undefined;
  return {
    status: stored.isNew ? 201 : 200,
    body: {
      case_id: stored.caseId,
      verdict: stored.verdict,
      get assessment() {
        assessment ??= JSON.parse(stored.assessmentJson) as Assessment;
        return assessment;
      },
      log_index: logIndex,
    },
    json: `{"case_id":${JSON.stringify(stored.caseId)},"verdict":${JSON.stringify(stored.verdict)},"assessment":${stored.assessmentJson},"log_index":${logIndex === null ? "null" : String(logIndex)}}`,
  };
}

function rejectionOf(data: RejectionData): IntakeRejection {
  return new IntakeRejection(data.reason, data.message, { issues: data.issues });
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
