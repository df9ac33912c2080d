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
 *      transaction and its one fsync, see group-commit.ts).
 *
 * Every submission, whatever the outcome, leaves one intake journal row (auditors must see forged
 * attempts). The body is attacker-controlled: every failure becomes an IntakeRejection with a reason.
 */
import { createHash, type KeyObject, randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { defaultProfileFor } from "../../cli/commands/assess.ts";
import { AppError, HTTP_STATUS } from "../../core/app-error.ts";
import { assessRequest } from "../../core/assess/assess.ts";
import type { Assessment, Verdict } from "../../core/assess/assessment.ts";
import { canonicalBytes } from "../../core/intake/canonical-json.ts";
import { type DetachedJws, parseDetachedJws, verifyDetachedJws } from "../../core/intake/detached-jws.ts";
import { IntakeRejection, REJECTION_CODE, type RejectionReason } from "../../core/intake/intake-rejection.ts";
import { ed25519KeyObject } from "../../core/intake/public-key.ts";
import { TokenBuckets } from "../../core/intake/token-bucket.ts";
import { parseRequest } from "../../core/request/parse-request.ts";
import type { Request } from "../../core/request/request-schema.ts";
import type { AuthorityDirectory } from "../authorities/authority-directory.ts";
import type { IntakeCase } from "../cases/record-intake-case.ts";
import { caseColumnContext } from "../crypto/personal-data.ts";
import type { ShippedLaw } from "../kb/load-shipped-law.ts";
import {
  GroupCommitter,
  type LogTicket,
  type StageLogEntry,
  type TransactionalLog,
  ticketIndexes,
} from "./group-commit.ts";
import { type IntakeDB, type IntakeJournalTable, isUniqueViolation } from "./intake-tables.ts";

/** Largest accepted body (HTTP 413 above it). */
export const MAX_INTAKE_BODY_BYTES = 1024 * 1024;
/** Parsed authority keys kept; beyond it the cache starts over (a directory rarely holds that many). */
const MAX_CACHED_KEYS = 10_000;

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
  /** How the request and assessment are sealed at rest; default plaintext. */
  readonly personalData?: PersonalDataSealer;
}

export interface IntakeReceipt {
  /** 201 for a new case, 200 for a replay of an already received request. */
  readonly status: 200 | 201;
  readonly body: {
    readonly case_id: string;
    readonly verdict: Verdict;
    readonly assessment: Assessment;
    readonly log_index: number | null;
  };
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

/**
 * Sealing of personal data at rest (DESIGN §4): the request and its assessment are stored through this
 * port; `context` ("cases/<case_id>/<column>") must be authenticated by the cipher. Default: plaintext.
 */
export interface PersonalDataSealer {
  readonly seal: (plaintext: string, context: string) => string;
  readonly open: (stored: string, context: string) => string;
}

const PLAINTEXT: PersonalDataSealer = { seal: (plaintext) => plaintext, open: (stored) => stored };

interface StoredCase {
  readonly caseId: string;
  readonly profileId: string;
  readonly verdict: Verdict;
  readonly assessment: Assessment;
  readonly receivedAt: number;
  readonly commitmentSalt: string;
  readonly isNew: boolean;
  /** A new case's staged log entries (none for a replay, or without a workflow). */
  readonly tickets: readonly LogTicket[];
}

/**
 * What intake hands a new case to: the case workflow (src/shell/cases/record-intake-case.ts), which
 * stores the first events and stages their public records into the log, all in intake's transaction,
 * so a receipt costs one commit. The first ticket is the `received` record's: the receipt's `log_index`.
 */
export interface CaseOpener {
  /** The log that intake's group transactions sequence the staged records into. */
  readonly log: TransactionalLog;
  readonly openWithin: (
    tx: Transaction<IntakeDB>,
    stage: StageLogEntry,
    input: IntakeCase,
  ) => Promise<readonly LogTicket[]>;
  /** A replay: the same log indexes again (any record missing from the log is appended). */
  readonly reopen: (input: IntakeCase) => Promise<{ readonly logIndexes: readonly number[] }>;
}

interface Envelope {
  readonly request: unknown;
  readonly signature: string;
}

/** What the submission claimed about itself, for the journal (set as soon as it is known). */
interface Claims {
  authorityId: string | null;
  requestId: string | null;
}

interface Submission {
  readonly receivedAt: number;
  readonly bodySha256: string;
  readonly bodySize: number;
  readonly claims: Claims;
}

export class IntakeService {
  readonly #db: Kysely<IntakeDB>;
  readonly #directory: AuthorityDirectory;
  readonly #law: ShippedLaw;
  readonly #openCase: CaseOpener | undefined;
  readonly #writer: GroupCommitter<IntakeDB>;
  readonly #personalData: PersonalDataSealer;
  readonly #buckets: TokenBuckets;
  readonly #now: () => number;
  readonly #newCaseId: () => string;
  readonly #newSalt: () => Uint8Array;
  /**
   * Parsed key objects by stored key text. The directory is still asked on every submission (so a
   * revocation is seen at once); only building the same key object again is saved.
   */
  readonly #keyObjects = new Map<string, KeyObject>();

  constructor(options: IntakeServiceOptions) {
    this.#db = options.db;
    this.#directory = options.directory;
    this.#law = options.law;
    this.#openCase = options.openCase;
    this.#writer = new GroupCommitter(options.db, { log: options.openCase?.log });
    this.#personalData = options.personalData ?? PLAINTEXT;
    this.#buckets = new TokenBuckets(options.rateLimit ?? { perSecond: 50, burst: 200 });
    this.#now = options.now ?? Date.now;
    this.#newCaseId = options.newCaseId ?? (() => `case-${randomUUID()}`);
    this.#newSalt = options.newSalt ?? (() => randomBytes(32));
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
      const canonical = canonicalizeRequest(envelope.request);
      await this.#verifySignature(jws, canonical);
      if (!this.#buckets.tryTake(jws.kid, submission.receivedAt))
        throw new IntakeRejection("rate_limited", `too many requests from ${jws.kid}; retry shortly`);
      const request = parseEnvelopedRequest(envelope.request);
      if (request.requesting.authority_id !== jws.kid)
        throw new IntakeRejection(
          "kid_mismatch",
          `the signature's kid ${jws.kid} is not requesting.authority_id ${request.requesting.authority_id}`,
        );
      return await this.#record(submission, request, canonical, envelope.signature);
    } catch (error) {
      const rejection =
        error instanceof IntakeRejection
          ? error
          : new IntakeRejection("internal", "the request could not be recorded; retry later", {
              cause: error,
            });
      await this.#writer.run((tx) => this.#journal(tx, submission, "rejected", rejection.reason, null));
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
    await this.#writer.run((tx) => this.#journal(tx, submission, "rejected", reason, null));
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

  async #verifySignature(jws: DetachedJws, canonical: Uint8Array): Promise<void> {
    const key = await this.#directory.keyFor(jws.kid);
    if (key.status === "unknown")
      throw new IntakeRejection("unknown_key", `no authority ${jws.kid} in the key directory`);
    if (key.status === "revoked")
      throw new IntakeRejection("revoked_key", `the key of authority ${jws.kid} is revoked`);
    if (!verifyDetachedJws(jws, canonical, this.#keyObject(key.publicKey)))
      throw new IntakeRejection(
        "bad_signature",
        "the signature does not verify over the request's RFC 8785 canonical JSON with the authority's key",
      );
  }

  #keyObject(publicKey: string): KeyObject {
    let keyObject = this.#keyObjects.get(publicKey);
    if (keyObject === undefined) {
      if (this.#keyObjects.size >= MAX_CACHED_KEYS) this.#keyObjects.clear();
      keyObject = ed25519KeyObject(publicKey);
      this.#keyObjects.set(publicKey, keyObject);
    }
    return keyObject;
  }

  async #record(
    submission: Submission,
    request: Request,
    canonical: Uint8Array,
    signature: string,
  ): Promise<IntakeReceipt> {
    const requestSha256 = sha256Hex(canonical);
    const stored = await this.#storeCase(submission, request, canonical, requestSha256, signature).catch(
      async (error: unknown) => {
        // A concurrent identical submission won the insert: answer as the replay it now is.
        if (!isUniqueViolation(error)) throw error;
        return this.#storeCase(submission, request, canonical, requestSha256, signature);
      },
    );
    const logIndex = stored.isNew
      ? (ticketIndexes(stored.tickets)[0] ?? null)
      : await this.#reopenInWorkflow(stored, request, canonical, requestSha256);
    return {
      status: stored.isNew ? 201 : 200,
      body: {
        case_id: stored.caseId,
        verdict: stored.verdict,
        assessment: stored.assessment,
        log_index: logIndex,
      },
    };
  }

  /**
   * Steps 6 and 7 in one transaction: the case row (if new), its journal row, its first events and their
   * public records in the log commit together.
   */
  async #storeCase(
    submission: Submission,
    request: Request,
    canonical: Uint8Array,
    requestSha256: string,
    signature: string,
  ): Promise<StoredCase> {
    return this.#writer.run(async (tx, stage) => {
      const existing = await tx
        .selectFrom("cases")
        .select([
          "case_id",
          "request_sha256",
          "profile",
          "verdict",
          "assessment_json",
          "received_at",
          "commitment_salt",
        ])
        .where("authority_id", "=", request.requesting.authority_id)
        .where("request_id", "=", request.id)
        .executeTakeFirst();
      if (existing !== undefined) {
        if (existing.request_sha256 !== requestSha256)
          throw new IntakeRejection(
            "conflict",
            `request ${request.id} was already received with different content; give a changed request a new id`,
          );
        await this.#journal(tx, submission, "replayed", "replayed", existing.case_id);
        const assessmentJson = this.#personalData.open(
          existing.assessment_json,
          caseColumnContext(existing.case_id, "assessment_json"),
        );
        return {
          caseId: existing.case_id,
          profileId: existing.profile,
          verdict: existing.verdict as Verdict,
          assessment: JSON.parse(assessmentJson) as Assessment,
          receivedAt: Number(existing.received_at),
          commitmentSalt: existing.commitment_salt,
          isNew: false,
          tickets: [],
        };
      }
      const profileId = defaultProfileFor(request, this.#law.profiles);
      const profile = this.#law.profiles.get(profileId);
      if (profile === undefined) throw new AppError("INTERNAL", `profile ${profileId} is not loaded`);
      const assessment = assessRequest(request, profile, this.#law.kb);
      const caseId = this.#newCaseId();
      const salt = this.#newSalt();
      const commitmentSalt = Buffer.from(salt).toString("hex");
      const seal = this.#personalData.seal;
      await tx
        .insertInto("cases")
        .values({
          case_id: caseId,
          authority_id: request.requesting.authority_id,
          request_id: request.id,
          request_sha256: requestSha256,
          request_json: seal(new TextDecoder().decode(canonical), caseColumnContext(caseId, "request_json")),
          signature,
          commitment_salt: commitmentSalt,
          profile: profileId,
          verdict: assessment.verdict,
          assessment_json: seal(JSON.stringify(assessment), caseColumnContext(caseId, "assessment_json")),
          received_at: submission.receivedAt,
        })
        .execute();
      await this.#journal(tx, submission, "accepted", "accepted", caseId);
      const tickets =
        this.#openCase === undefined
          ? []
          : await this.#openCase.openWithin(tx, stage, {
              caseId,
              request,
              canonical,
              requestSha256,
              assessment,
              profile,
              salt,
              receivedAt: new Date(submission.receivedAt),
            });
      return {
        caseId,
        profileId,
        verdict: assessment.verdict,
        assessment,
        receivedAt: submission.receivedAt,
        commitmentSalt,
        isNew: true,
        tickets,
      };
    });
  }

  /** A replay's log index: the workflow appends again what it stored (the log deduplicates). */
  async #reopenInWorkflow(
    stored: StoredCase,
    request: Request,
    canonical: Uint8Array,
    requestSha256: string,
  ): Promise<number | null> {
    if (this.#openCase === undefined) return null;
    const profile = this.#law.profiles.get(stored.profileId);
    if (profile === undefined) throw new AppError("INTERNAL", `profile ${stored.profileId} is not loaded`);
    const { logIndexes } = await this.#openCase.reopen({
      caseId: stored.caseId,
      request,
      canonical,
      requestSha256,
      assessment: stored.assessment,
      profile,
      salt: Buffer.from(stored.commitmentSalt, "hex"),
      receivedAt: new Date(stored.receivedAt),
    });
    return logIndexes[0] ?? null;
  }

  async #journal(
    db: Kysely<IntakeDB>,
    submission: Submission,
    outcome: IntakeJournalTable["outcome"],
    reason: string,
    caseId: string | null,
  ): Promise<void> {
    const status =
      outcome === "accepted"
        ? 201
        : outcome === "replayed"
          ? 200
          : HTTP_STATUS[REJECTION_CODE[reason as RejectionReason] ?? "INTERNAL"];
    await db
      .insertInto("intake_journal")
      .values({
        received_at: submission.receivedAt,
        authority_id: submission.claims.authorityId,
        request_id: submission.claims.requestId,
        outcome,
        reason,
        status,
        body_sha256: submission.bodySha256,
        body_size: submission.bodySize,
        case_id: caseId,
      })
      .execute();
  }
}

/** Step 1: JSON, then `{ request, signature }`; a bare request or a missing signature is "unsigned". */
function decodeEnvelope(body: Uint8Array, claims: Claims): Envelope {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    throw new IntakeRejection("invalid_json", `the body is not UTF-8 JSON: ${(error as Error).message}`, {
      issues: [{ path: "(root)", message: "not valid JSON" }],
    });
  }
  if (!isRecord(value))
    throw invalidEnvelope("(root)", 'expected an object { "request": {...}, "signature": "<JWS>" }');
  const request = "request" in value ? value["request"] : "format" in value ? value : undefined;
  if (isRecord(request)) {
    const authorityId = isRecord(request["requesting"]) ? request["requesting"]["authority_id"] : undefined;
    claims.authorityId = typeof authorityId === "string" ? authorityId.slice(0, 128) : null;
    claims.requestId = typeof request["id"] === "string" ? request["id"].slice(0, 128) : null;
  }
  if (request === value)
    throw new IntakeRejection(
      "unsigned",
      'the request is unsigned: send { "request": {...}, "signature": "<compact detached JWS>" }',
    );
  const unknown = Object.keys(value).filter((key) => key !== "request" && key !== "signature");
  if (unknown.length > 0) throw invalidEnvelope(unknown[0] ?? "(root)", "unknown field");
  if (!isRecord(request)) throw invalidEnvelope("request", "required (expected object)");
  const signature = value["signature"];
  if (signature === undefined || signature === "" || signature === null)
    throw new IntakeRejection(
      "unsigned",
      "the request is unsigned: add the authority's detached JWS as signature",
      {
        issues: [{ path: "signature", message: "required" }],
      },
    );
  if (typeof signature !== "string")
    throw new IntakeRejection("malformed_signature", "the signature must be a compact JWS string", {
      issues: [{ path: "signature", message: "expected string" }],
    });
  return { request, signature };
}

/** The signed bytes; a value too deeply nested to canonicalize is refused, not a crash. */
function canonicalizeRequest(value: unknown): Uint8Array {
  try {
    return canonicalBytes(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new IntakeRejection("invalid_request", "the request is nested too deeply", {
      issues: [{ path: "request", message: "nested too deeply" }],
    });
  }
}

/** Step 5: schema validation, with field paths relative to the body (`request.case.facts`). */
function parseEnvelopedRequest(value: unknown): Request {
  try {
    return parseRequest(value);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new IntakeRejection("invalid_request", error.message, {
      issues: error.issues.map((issue) => ({
        path: issue.path === "(root)" ? "request" : `request.${issue.path}`,
        message: issue.message,
      })),
    });
  }
}

function invalidEnvelope(path: string, message: string): IntakeRejection {
  return new IntakeRejection(
    "invalid_envelope",
    `the body is not a signed-request envelope: ${path}: ${message}`,
    {
      issues: [{ path, message }],
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
