/**
 * The CPU part of intake, from a signed body to the rows of a new case, touching no store:
 *
 *   canonicalize the request → verify the authority's EdDSA signature over it → validate it (naming
 *   fields) and match kid = requesting.authority_id → assess it → seal its personal data → build the
 *   case's first events and their public records.
 *
 * Intake runs this on worker threads (intake-workers.ts) so that verification and assessment use the
 * machine's other cores while the one writer commits (issue 4's throughput), or in its own thread when
 * there are none. What crosses threads is plain data: no functions, no class instances.
 */
import type { KeyObject } from "node:crypto";
import { createHash } from "node:crypto";
import { AppError } from "../../core/app-error.ts";
import { assessRequest } from "../../core/assess/assess.ts";
import type { Verdict } from "../../core/assess/assessment.ts";
import { openCaseEvents } from "../../core/case/open-case.ts";
import { canonicalBytes } from "../../core/intake/canonical-json.ts";
import { parseDetachedJws, verifyDetachedJws } from "../../core/intake/detached-jws.ts";
import { IntakeRejection, type RejectionReason } from "../../core/intake/intake-rejection.ts";
import { ed25519KeyObject } from "../../core/intake/public-key.ts";
import { requestCommitment } from "../../core/intake/received-record.ts";
import { defaultProfileFor } from "../../core/profiles/default-profile.ts";
import { parseRequest } from "../../core/request/parse-request.ts";
import type { Request } from "../../core/request/request-schema.ts";
import type { FieldIssue } from "../../core/validation-issues.ts";
import { type OpeningRows, openingRows } from "../cases/case-opening-rows.ts";
import { caseColumnContext, type DataKey } from "../crypto/personal-data.ts";
import type { ShippedLaw } from "../kb/load-shipped-law.ts";
import type { CasesTable } from "./intake-tables.ts";

/** One verified-looking submission: its body, the key its kid names in the directory, the new case's ids. */
export interface SubmissionToPrepare {
  readonly body: Uint8Array;
  /** The signature header's kid (already read by intake to look the key up). */
  readonly kid: string;
  /** The kid's active key as the directory stores it (base64url raw Ed25519 or PEM). */
  readonly publicKey: string;
  readonly receivedAt: number;
  /** The id and commitment salt a new case gets (chosen by intake, so that tests can fix them). */
  readonly caseId: string;
  readonly salt: Uint8Array;
}

/** A refusal as plain data (it crosses threads); `IntakeRejection` again on the other side. */
export interface RejectionData {
  readonly reason: RejectionReason;
  readonly message: string;
  readonly issues: readonly FieldIssue[];
}

export type PreparedSubmission =
  /** The signature did not verify (or there was nothing to verify): no rate-limit token is taken. */
  | { readonly kind: "unverified"; readonly rejection: RejectionData }
  /** Authenticated, but the request is invalid or not its signer's: refused after rate limiting. */
  | { readonly kind: "invalid"; readonly rejection: RejectionData }
  | { readonly kind: "prepared"; readonly prepared: PreparedCase };

/** Everything the writer stores for a new case, ready to insert. */
export interface PreparedCase {
  readonly authorityId: string;
  readonly requestId: string;
  /** Hex SHA-256 of the canonical request: same id and same hash is a replay, another hash a conflict. */
  readonly requestSha256: string;
  readonly profileId: string;
  readonly verdict: Verdict;
  /** The assessment as JSON (the receipt's, unsealed). */
  readonly assessmentJson: string;
  /** The `cases` row, personal data sealed. */
  readonly caseRow: CasesTable;
  /** The case's first events (received, assessed) and their public records; null without a workflow. */
  readonly opening: OpeningRows | null;
}

/**
 * Sealing of personal data at rest (DESIGN §4): the request and its assessment are stored through this
 * port; `context` ("cases/<case_id>/<column>") must be authenticated by the cipher.
 */
export interface PersonalDataSealer {
  readonly seal: (plaintext: string, context: string) => string;
  readonly open: (stored: string, context: string) => string;
}

export interface PreparationContext {
  readonly law: ShippedLaw;
  /** Seals the case's request and assessment columns. */
  readonly personalData: PersonalDataSealer;
  /** Seals the events' payloads (the case store's key); without it (no workflow) no events are built. */
  readonly dataKey: DataKey | undefined;
  /** The key object of a stored public key (cached by the caller: building one costs more than a verify). */
  readonly keyObject: (publicKey: string) => KeyObject;
}

/** Parsed authority keys kept; beyond it the cache starts over (a directory rarely holds that many). */
const MAX_CACHED_KEYS = 10_000;

/**
 * A `keyObject` for the context that parses each stored key once. The directory is still asked on every
 * submission (so a revocation is seen at once); only building the same key object again is saved.
 */
export function cachedKeyObjects(): (publicKey: string) => KeyObject {
  const keys = new Map<string, KeyObject>();
  return (publicKey) => {
    let key = keys.get(publicKey);
    if (key === undefined) {
      if (keys.size >= MAX_CACHED_KEYS) keys.clear();
      key = ed25519KeyObject(publicKey);
      keys.set(publicKey, key);
    }
    return key;
  };
}

export function prepareSubmission(
  input: SubmissionToPrepare,
  context: PreparationContext,
): PreparedSubmission {
  let verified = false;
  try {
    const envelope = decodeEnvelope(input.body, { authorityId: null, requestId: null });
    const jws = parseDetachedJws(envelope.signature);
    const canonical = canonicalizeRequest(envelope.request);
    if (!verifyDetachedJws(jws, canonical, context.keyObject(input.publicKey)))
      throw new IntakeRejection(
        "bad_signature",
        "the signature does not verify over the request's RFC 8785 canonical JSON with the authority's key",
      );
    verified = true;
    const request = parseEnvelopedRequest(envelope.request);
    if (request.requesting.authority_id !== input.kid)
      throw new IntakeRejection(
        "kid_mismatch",
        `the signature's kid ${input.kid} is not requesting.authority_id ${request.requesting.authority_id}`,
      );
    return {
      kind: "prepared",
      prepared: prepareCase(input, request, canonical, envelope.signature, context),
    };
  } catch (error) {
    if (!(error instanceof IntakeRejection)) throw error;
    const rejection = { reason: error.reason, message: error.message, issues: error.issues };
    return verified ? { kind: "invalid", rejection } : { kind: "unverified", rejection };
  }
}

function prepareCase(
  input: SubmissionToPrepare,
  request: Request,
  canonical: Uint8Array,
  signature: string,
  context: PreparationContext,
): PreparedCase {
  const profileId = defaultProfileFor(request, context.law.profiles);
  const profile = context.law.profiles.get(profileId);
  if (profile === undefined) throw new AppError("INTERNAL", `profile ${profileId} is not loaded`);
  const assessment = assessRequest(request, profile, context.law.kb);
  const assessmentJson = JSON.stringify(assessment);
  const requestSha256 = sha256Hex(canonical);
  const { caseId } = input;
  const seal = context.personalData.seal;
  const caseRow: CasesTable = {
    case_id: caseId,
    authority_id: request.requesting.authority_id,
    request_id: request.id,
    request_sha256: requestSha256,
    request_json: seal(new TextDecoder().decode(canonical), caseColumnContext(caseId, "request_json")),
    signature,
    commitment_salt: Buffer.from(input.salt).toString("hex"),
    profile: profileId,
    verdict: assessment.verdict,
    assessment_json: seal(assessmentJson, caseColumnContext(caseId, "assessment_json")),
    received_at: input.receivedAt,
  };
  const events = openCaseEvents({
    request,
    requestSha256,
    assessment,
    profile,
    receivedAt: new Date(input.receivedAt).toISOString(),
  });
  const opening =
    context.dataKey === undefined
      ? null
      : openingRows(
          caseId,
          events,
          { request, commitment: requestCommitment(input.salt, canonical), profile: profileId },
          context.dataKey,
        );
  return {
    authorityId: request.requesting.authority_id,
    requestId: request.id,
    requestSha256,
    profileId,
    verdict: assessment.verdict,
    assessmentJson,
    caseRow,
    opening,
  };
}

interface Envelope {
  readonly request: unknown;
  readonly signature: string;
}

/** What a submission claimed about itself, for the journal (set as soon as it is known). */
export interface Claims {
  authorityId: string | null;
  requestId: string | null;
}

/** JSON, then `{ request, signature }`; a bare request or a missing signature is "unsigned". */
export function decodeEnvelope(body: Uint8Array, claims: Claims): Envelope {
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
export function canonicalizeRequest(value: unknown): Uint8Array {
  try {
    return canonicalBytes(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new IntakeRejection("invalid_request", "the request is nested too deeply", {
      issues: [{ path: "request", message: "nested too deeply" }],
    });
  }
}

/** Schema validation, with field paths relative to the body (`request.case.facts`). */
export function parseEnvelopedRequest(value: unknown): Request {
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

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
