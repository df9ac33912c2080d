/**
 * Checks a notice in the browser, as `lightswitch notice verify` does on the command line
 * (src/shell/notices/verify-notice.ts), trusting nothing the server computed:
 *
 *   1. the log's checkpoint, its signature verified when the person gives the log's key (the notice has it)
 *   2. the `received` record found by the event id in the notice code
 *   3. its inclusion in the signed tree, verified here from the entry and the tiles
 *   4. the record is the receipt of a request (its day is when the request was received)
 *   5. SHA-256(salt ‖ RFC 8785 request) recomputed from the code's salt and the request file, compared
 *      with the record's commitment
 *   6. the later records with the same commitment (the case's later events), each verified included
 *
 * Each failing step ends the check with a code; nothing here throws for what a hostile log serves.
 */
import { canonicalize } from "../../../src/core/intake/canonical-json.ts";
import { concatBytes, encodeHex, sha256, utf8 } from "../log/bytes.ts";
import {
  fetchCheckpoint,
  fetchEntriesFrom,
  LOG_BASE,
  lookupEvent,
  verifyEntryInclusion,
} from "../log/log-client.ts";
import { LogVerifyError } from "../log/log-verify-error.ts";
import { checkSignature, parseVerifierKey, type SignatureCheck } from "../log/note.ts";
import type { NoticeCode } from "./notice-code.ts";

export type NoticeFailure =
  | "LOG_UNAVAILABLE"
  | "CHECKPOINT_INVALID"
  | "EVENT_NOT_FOUND"
  | "INCLUSION_INVALID"
  | "NOT_A_RECEIPT"
  | "REQUEST_INVALID"
  | "COMMITMENT_MISMATCH";

/** The public fields of a record this page shows (lightswitch.public-record/v1). */
export interface RecordView {
  readonly event_id: string;
  readonly event_type: string;
  readonly date: string;
  readonly commitment: string;
  readonly visibility: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface LaterRecord {
  readonly index: number;
  readonly record: RecordView;
  readonly isIncluded: boolean;
}

export interface NoticeCheck {
  readonly checkpoint?: {
    readonly origin: string;
    readonly size: number;
    readonly signature: SignatureCheck;
  };
  readonly received?: { readonly index: number; readonly record: RecordView; readonly isIncluded: boolean };
  readonly commitment: "match" | "mismatch" | "not-checked";
  readonly later: readonly LaterRecord[];
  readonly scan?: { readonly from: number; readonly to: number; readonly isComplete: boolean };
  readonly failure?: { readonly code: NoticeFailure; readonly message: string };
}

/** Bound on the later entries read in step 6, as the command line's default (256 entry bundles). */
export const MAX_SCAN_ENTRIES = 65_536;

/** Reads a log entry as a record (untrusted bytes); undefined if it is not one. */
export function readRecord(entry: Uint8Array): RecordView | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(entry));
    const r = value as Partial<RecordView> | null;
    if (
      r === null ||
      typeof r !== "object" ||
      typeof r.event_id !== "string" ||
      typeof r.event_type !== "string" ||
      typeof r.date !== "string" ||
      typeof r.commitment !== "string" ||
      typeof r.visibility !== "string"
    )
      return undefined;
    return r as RecordView;
  } catch {
    return undefined;
  }
}

/** SHA-256(salt ‖ RFC 8785 canonical request), lowercase hex: the record's commitment. */
export async function commitToRequest(salt: Uint8Array, request: unknown): Promise<string> {
  return encodeHex(await sha256(concatBytes(salt, utf8(canonicalize(request)))));
}

export interface CheckNoticeInput {
  readonly code: NoticeCode;
  /** The request file's text, as sent with the notice; absent = the commitment is not checked. */
  readonly requestText?: string | undefined;
  /** The log's verifier key, as printed in the notice; absent = the signature is not checked. */
  readonly vkey?: string | undefined;
  readonly base?: string;
}

export async function checkNotice(input: CheckNoticeInput): Promise<NoticeCheck> {
  const base = input.base ?? LOG_BASE;
  const fail = (
    partial: Omit<NoticeCheck, "commitment" | "later">,
    code: NoticeFailure,
    message: string,
  ) => ({
    commitment: "not-checked" as const,
    later: [],
    ...partial,
    failure: { code, message },
  });

  // 1. The checkpoint and, with the log's key, its signature.
  let fetched: Awaited<ReturnType<typeof fetchCheckpoint>>;
  try {
    fetched = await fetchCheckpoint(base);
  } catch (error) {
    const code =
      error instanceof LogVerifyError && error.code === "MALFORMED_CHECKPOINT"
        ? "CHECKPOINT_INVALID"
        : "LOG_UNAVAILABLE";
    return fail({}, code, error instanceof Error ? error.message : String(error));
  }
  if (fetched === undefined) return fail({}, "EVENT_NOT_FOUND", "the log is empty");
  const { signed } = fetched;
  let signature: SignatureCheck = "no-key";
  if (input.vkey !== undefined && input.vkey.trim() !== "") {
    try {
      const key = await parseVerifierKey(input.vkey);
      const own = signed.signatures.find((s) => s.name === key.name);
      signature = own === undefined ? "invalid" : await checkSignature(signed.text, own, [key]);
    } catch (error) {
      return fail({}, "CHECKPOINT_INVALID", error instanceof Error ? error.message : String(error));
    }
  }
  const checkpoint = { origin: signed.checkpoint.origin, size: signed.checkpoint.size, signature };
  if (signature === "invalid")
    return fail(
      { checkpoint },
      "CHECKPOINT_INVALID",
      "the checkpoint's signature does not verify with the key given",
    );

  // 2–4. The received record, its inclusion, and that it is a receipt.
  let index: number | undefined;
  try {
    index = await lookupEvent(input.code.eventId, base);
  } catch (error) {
    return fail({ checkpoint }, "LOG_UNAVAILABLE", error instanceof Error ? error.message : String(error));
  }
  if (index === undefined || index >= signed.checkpoint.size)
    return fail({ checkpoint }, "EVENT_NOT_FOUND", `the log has no record ${input.code.eventId}`);
  let inclusion: Awaited<ReturnType<typeof verifyEntryInclusion>>;
  try {
    inclusion = await verifyEntryInclusion(signed.checkpoint, index, base);
  } catch (error) {
    return fail({ checkpoint }, "INCLUSION_INVALID", error instanceof Error ? error.message : String(error));
  }
  const record = readRecord(inclusion.entry);
  if (!inclusion.isIncluded)
    return fail(
      { checkpoint },
      "INCLUSION_INVALID",
      `entry ${index} is not in the tree the checkpoint signs`,
    );
  const received = { index, record: record ?? missingRecord(input.code.eventId), isIncluded: true };
  if (record === undefined || record.event_id !== input.code.eventId || record.event_type !== "received")
    return fail({ checkpoint, received }, "NOT_A_RECEIPT", `entry ${index} is not the receipt of a request`);

  // 5. The commitment, from the salt and the request file.
  let commitment: NoticeCheck["commitment"] = "not-checked";
  if (input.requestText !== undefined && input.requestText.trim() !== "") {
    let request: unknown;
    try {
      request = JSON.parse(input.requestText);
    } catch {
      return fail({ checkpoint, received }, "REQUEST_INVALID", "the request file is not JSON");
    }
    commitment =
      (await commitToRequest(input.code.salt, request)) === record.commitment ? "match" : "mismatch";
    if (commitment === "mismatch")
      return {
        checkpoint,
        received,
        commitment,
        later: [],
        failure: {
          code: "COMMITMENT_MISMATCH",
          message: "the request file does not reproduce the record's commitment",
        },
      };
  }

  // 6. Later records of the case: same commitment, each proved included.
  const to = Math.min(signed.checkpoint.size, index + 1 + MAX_SCAN_ENTRIES);
  const later: LaterRecord[] = [];
  for (const { index: i, entry } of await fetchEntriesFrom(signed.checkpoint, index + 1, to, base)) {
    const candidate = readRecord(entry);
    if (candidate?.commitment !== record.commitment) continue;
    const proof = await verifyEntryInclusion(signed.checkpoint, i, base);
    later.push({ index: i, record: candidate, isIncluded: proof.isIncluded });
  }
  return {
    checkpoint,
    received,
    commitment,
    later,
    scan: { from: index + 1, to, isComplete: to === signed.checkpoint.size },
  };
}

function missingRecord(eventId: string): RecordView {
  return { event_id: eventId, event_type: "?", date: "?", commitment: "?", visibility: "?" };
}
