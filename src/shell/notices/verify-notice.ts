/**
 * Verifies a notice against a log, as the person notified (or anyone they give the code to) would:
 *
 *   1. open the log's signed checkpoint with its verifier key (given, or as the log publishes it)
 *   2. look up the `received` record by the event id in the notice code
 *   3. fetch an inclusion proof and the entry, and verify that the entry is in the signed tree
 *   4. decode the entry: it must be the receipt of a request (its day is when it was received)
 *   5. recompute SHA-256(salt ‖ RFC 8785 request) from the code's salt and the request the person was
 *      given, and compare it with the record's commitment
 *   6. the case's later records: those the notice lists by event id must be in the log with the same
 *      commitment; the later entries are read and those with the commitment are reported; each is
 *      proved included
 *
 * Each failing step gives `verified: false` with a code and a plain reason; nothing here throws for
 * what a hostile log serves. Public records carry no case reference, so step 6 links records to the
 * case by the commitment and by the event ids the notice lists; a log that hides entries from this
 * reader is caught by a full audit (`lightswitch log verify`), which checks every entry.
 */
import { bytesEqual, encodeBase64 } from "../../core/log/bytes.ts";
import { type Checkpoint, openCheckpoint } from "../../core/log/checkpoint.ts";
import { isLogError } from "../../core/log/log-error.ts";
import { hashLeaf } from "../../core/log/merkle.ts";
import { type NoteVerifier, verifierFromVkey } from "../../core/log/note.ts";
import { parseProofFile, verifyProofFile } from "../../core/log/proof-file.ts";
import { decodeEntryBundle, entryBundleFor, TILE_WIDTH, tileWidthAt } from "../../core/log/tiles.ts";
import type { NoticeCode } from "../../core/notices/notice-code.ts";
import { NoticeError } from "../../core/notices/notice-error.ts";
import { commitToRequest, decodePublicRecord } from "../../core/records/public-record.ts";
import { LogServiceError } from "../log/log-service-error.ts";
import type { NoticeLogSource } from "./notice-log-source.ts";

export const NOTICE_FAILURES = [
  "LOG_UNAVAILABLE",
  "CHECKPOINT_INVALID",
  "EVENT_NOT_FOUND",
  "INCLUSION_INVALID",
  "NOT_A_RECEIPT",
  "COMMITMENT_MISMATCH",
  "LATER_RECORD_MISMATCH",
] as const;
export type NoticeFailure = (typeof NOTICE_FAILURES)[number];

/** Default bound on the later entries read in step 6 (256 entry bundles). */
export const DEFAULT_MAX_SCAN_ENTRIES = 65_536;

export interface LaterRecord {
  readonly index: number;
  readonly event_id: string;
  readonly event_type: string;
  readonly date: string;
  readonly visibility: "sealed" | "public";
}

export type NoticeVerification =
  | {
      readonly verified: true;
      readonly event_id: string;
      readonly index: number;
      /** The day the request was received, as its record in the log says. */
      readonly received_on: string;
      readonly commitment: string;
      /** Whether a request was given and matched the commitment (step 5). */
      readonly request_checked: boolean;
      readonly log: { readonly origin: string; readonly size: number; readonly root_hash: string };
      /** Where the key came from: given by the person (from the notice) or as the log publishes it. */
      readonly key_source: "given" | "published";
      /** Later records of the same case, each proved included, all with the same commitment. */
      readonly later_records: readonly LaterRecord[];
      readonly scan: { readonly from: number; readonly to: number; readonly complete: boolean };
    }
  | {
      readonly verified: false;
      readonly failure: NoticeFailure;
      readonly reason: string;
      readonly event_id: string;
    };

export interface VerifyNoticeOptions {
  readonly code: NoticeCode;
  /**
   * The request as the person received it with the notice (any JSON value; canonicalised here).
   * Absent: step 5 is skipped and the result says `request_checked: false`.
   */
  readonly request?: unknown;
  readonly source: NoticeLogSource;
  /** The log's verifier key; absent = the key the log publishes (reported as `key_source`). */
  readonly verifier?: NoteVerifier | undefined;
  /** Expected checkpoint origin; default the key's name. */
  readonly origin?: string | undefined;
  readonly maxScanEntries?: number | undefined;
  /** Event ids of the case's later records as the notice lists them: each must carry the commitment. */
  readonly caseEventIds?: readonly string[] | undefined;
}

/** A step failed: carried to the one place that turns it into `verified: false`. */
class StepFailure extends Error {
  readonly failure: NoticeFailure;
  constructor(failure: NoticeFailure, message: string) {
    super(message);
    this.failure = failure;
  }
}

function fail(failure: NoticeFailure, message: string): never {
  throw new StepFailure(failure, message);
}

/** Runs the six steps; network and log errors become `verified: false` with a reason. */
export async function verifyNotice(options: VerifyNoticeOptions): Promise<NoticeVerification> {
  const eventId = options.code.eventId;
  try {
    return await runSteps(options);
  } catch (error) {
    if (error instanceof StepFailure)
      return { verified: false, failure: error.failure, reason: error.message, event_id: eventId };
    if (error instanceof LogServiceError)
      return {
        verified: false,
        failure: error.code === "FETCH_FAILED" ? "LOG_UNAVAILABLE" : "INCLUSION_INVALID",
        reason: error.message,
        event_id: eventId,
      };
    throw error;
  }
}

async function runSteps(options: VerifyNoticeOptions): Promise<NoticeVerification> {
  const { source, code } = options;
  const requestChecked = "request" in options && options.request !== undefined;
  const expectedCommitment = requestChecked ? commitmentOf(code.salt, options.request) : undefined;

  // 1. The signed checkpoint.
  const { verifier, keySource } = await resolveVerifier(options);
  const origin = options.origin ?? verifier.name;
  openOrFail(await source.checkpoint(), verifier, origin);

  // 2. The received record's index.
  const index = await source.indexOfEvent(code.eventId);
  if (index === undefined)
    fail(
      "EVENT_NOT_FOUND",
      `the log at ${source.location} has no record with event id ${JSON.stringify(code.eventId)}`,
    );

  // 3. Inclusion of the entry in the signed tree.
  const { entry, checkpoint } = await provenEntry(source, index, verifier, origin);

  // 4. A receipt, and its day.
  const record = decodeRecord(entry);
  if (record === undefined) fail("NOT_A_RECEIPT", `entry ${index} is not a Lightswitch public record`);
  if (record.eventType !== "received")
    fail(
      "NOT_A_RECEIPT",
      `entry ${index} records a "${record.eventType}" event, not the receipt of a request`,
    );
  if (record.eventId !== code.eventId)
    fail("NOT_A_RECEIPT", `entry ${index} carries event id ${record.eventId}, not ${code.eventId}`);

  // 5. The commitment.
  if (expectedCommitment !== undefined && record.commitment !== expectedCommitment)
    fail(
      "COMMITMENT_MISMATCH",
      "the request file and the salt in the notice code do not give the commitment recorded in the log: " +
        "the request was changed after it was received, or the file or code is not the one of this case",
    );

  // 6. Later records of the case.
  const { later, scan } = await laterRecords(source, {
    index,
    size: checkpoint.size,
    record,
    verifier,
    origin,
    maxEntries: options.maxScanEntries ?? DEFAULT_MAX_SCAN_ENTRIES,
  });
  const listed = await listedRecords(source, {
    eventIds: options.caseEventIds ?? [],
    record,
    verifier,
    origin,
  });
  for (const record of listed) if (!later.some((r) => r.index === record.index)) later.push(record);
  later.sort((a, b) => a.index - b.index);
  return {
    verified: true,
    event_id: code.eventId,
    index,
    received_on: record.date,
    commitment: record.commitment,
    request_checked: requestChecked,
    log: { origin: checkpoint.origin, size: checkpoint.size, root_hash: encodeBase64(checkpoint.rootHash) },
    key_source: keySource,
    later_records: later,
    scan,
  };
}

async function resolveVerifier(
  options: VerifyNoticeOptions,
): Promise<{ verifier: NoteVerifier; keySource: "given" | "published" }> {
  if (options.verifier !== undefined) return { verifier: options.verifier, keySource: "given" };
  const published = await options.source.publishedVkey();
  if (published === undefined)
    fail(
      "CHECKPOINT_INVALID",
      "no verifier key given and the log publishes none: pass the key from the notice",
    );
  try {
    return { verifier: verifierFromVkey(published), keySource: "published" };
  } catch {
    fail("CHECKPOINT_INVALID", "the verifier key the log publishes is malformed");
  }
}

/** The commitment the request file and salt give; a request RFC 8785 cannot encode is bad input. */
function commitmentOf(salt: Uint8Array, request: unknown): string {
  try {
    return commitToRequest(salt, request);
  } catch (cause) {
    throw new NoticeError(
      "NOTICE_INPUT_INVALID",
      `the request is not JSON that RFC 8785 can canonicalise: ${(cause as Error).message}`,
      { cause },
    );
  }
}

function openOrFail(note: string, verifier: NoteVerifier, origin: string): Checkpoint {
  try {
    return openCheckpoint(note, [verifier], origin).checkpoint;
  } catch (error) {
    if (isLogError(error))
      fail(
        "CHECKPOINT_INVALID",
        `the log's checkpoint does not verify with the key: ${error.code}: ${error.message}`,
      );
    throw error;
  }
}

/** Entry `index`, proved included in a checkpoint signed by `verifier`. */
async function provenEntry(
  source: NoticeLogSource,
  index: number,
  verifier: NoteVerifier,
  origin: string,
): Promise<{ entry: Uint8Array; checkpoint: Checkpoint }> {
  try {
    const file = parseProofFile(await source.proofFile(index));
    if (file.index !== index)
      fail("INCLUSION_INVALID", `asked for a proof of entry ${index}, got ${file.index}`);
    const size = openOrFail(file.checkpointNote, verifier, origin).size;
    const bundle = entryBundleFor(index, size);
    const entries = decodeEntryBundle(await source.entryBundle(bundle.index, bundle.width));
    const entry = entries[index % TILE_WIDTH];
    if (entries.length !== bundle.width || entry === undefined)
      fail(
        "INCLUSION_INVALID",
        `entry bundle ${bundle.index} has ${entries.length} entries, expected ${bundle.width}`,
      );
    const { checkpoint } = verifyProofFile(file, hashLeaf(entry), { origin, verifiers: [verifier] });
    return { entry, checkpoint };
  } catch (error) {
    if (isLogError(error))
      fail(
        "INCLUSION_INVALID",
        `entry ${index} is not proved to be in the signed log: ${error.code}: ${error.message}`,
      );
    throw error;
  }
}

/** The fields verification reads from a logged public record. */
interface LoggedRecord {
  readonly eventType: string;
  readonly eventId: string;
  readonly date: string;
  readonly commitment: string;
  readonly visibility: "sealed" | "public";
}

/** Decodes an entry (untrusted bytes); undefined when it is not a Lightswitch public record. */
function decodeRecord(entry: Uint8Array): LoggedRecord | undefined {
  try {
    const record = decodePublicRecord(entry);
    return {
      eventType: record.event_type,
      eventId: record.event_id,
      date: record.date,
      commitment: record.commitment,
      visibility: record.visibility,
    };
  } catch {
    return undefined;
  }
}

async function laterRecords(
  source: NoticeLogSource,
  at: {
    index: number;
    size: number;
    record: LoggedRecord;
    verifier: NoteVerifier;
    origin: string;
    maxEntries: number;
  },
): Promise<{ later: LaterRecord[]; scan: { from: number; to: number; complete: boolean } }> {
  const from = at.index + 1;
  const to = Math.min(at.size, from + Math.max(0, at.maxEntries));
  const later: LaterRecord[] = [];
  for (let bundleIndex = Math.floor(from / TILE_WIDTH); bundleIndex * TILE_WIDTH < to; bundleIndex++) {
    const width = tileWidthAt(0, bundleIndex, at.size);
    let entries: Uint8Array[];
    try {
      entries = decodeEntryBundle(await source.entryBundle(bundleIndex, width));
    } catch (error) {
      if (isLogError(error)) fail("INCLUSION_INVALID", `entry bundle ${bundleIndex}: ${error.message}`);
      throw error;
    }
    for (let i = 0; i < entries.length; i++) {
      const position = bundleIndex * TILE_WIDTH + i;
      if (position < from || position >= to) continue;
      const record = decodeRecord(entries[i]!);
      if (record === undefined || record.commitment !== at.record.commitment) continue;
      const proved = await provenEntry(source, position, at.verifier, at.origin);
      if (!bytesEqual(proved.entry, entries[i]!))
        fail("INCLUSION_INVALID", `entry ${position} differs between its bundle and its proof`);
      later.push(laterRecord(position, record));
    }
  }
  return { later, scan: { from, to, complete: to === at.size } };
}

function laterRecord(index: number, record: LoggedRecord): LaterRecord {
  return {
    index,
    event_id: record.eventId,
    event_type: record.eventType,
    date: record.date,
    visibility: record.visibility,
  };
}

/** The case's records the notice lists by event id: each in the log, proved, with the same commitment. */
async function listedRecords(
  source: NoticeLogSource,
  at: { eventIds: readonly string[]; record: LoggedRecord; verifier: NoteVerifier; origin: string },
): Promise<LaterRecord[]> {
  const listed: LaterRecord[] = [];
  for (const eventId of at.eventIds) {
    const index = await source.indexOfEvent(eventId);
    if (index === undefined)
      fail("LATER_RECORD_MISMATCH", `the case's record ${eventId} named in the notice is not in the log`);
    const record = decodeRecord((await provenEntry(source, index, at.verifier, at.origin)).entry);
    if (record === undefined || record.eventId !== eventId)
      fail("LATER_RECORD_MISMATCH", `entry ${index} is not the case's record ${eventId}`);
    if (record.commitment !== at.record.commitment)
      fail(
        "LATER_RECORD_MISMATCH",
        `the case's "${record.eventType}" record ${eventId} of ${record.date} carries another commitment`,
      );
    listed.push(laterRecord(index, record));
  }
  return listed;
}
