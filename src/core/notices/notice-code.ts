/**
 * The notice code: what the person concerned receives so that they can prove, against the public log,
 * that the request about them was received (the day of its `received` record) and that the request
 * they were shown is the one committed to then (DESIGN §3 "Public record and commitment").
 *
 *   LSN1.<base64url(event id)>.<base64url(salt)>.<check>
 *
 * - `LSN1`: format and version.
 * - the `received` record's event id, the log's lookup key (`/log/lookup?event=`), base64url so that
 *   any event id (intake's `case-…/received` has a slash) fits in a URL path segment unescaped;
 * - the commitment salt (16–64 bytes): with it and the request, anyone recomputes
 *   `SHA-256(salt ‖ RFC 8785 request)` and compares it with the record's `commitment`;
 * - `check`: the first 3 bytes of SHA-256 of everything before it, base64url (4 characters), so that
 *   a mistyped code is reported as mistyped instead of as "not in the log".
 *
 * parseNoticeCode takes untrusted text (typed by a person, or a URL path) and turns every malformed
 * value into a NoticeError; it never throws anything else.
 */
import { createHash } from "node:crypto";
import { NoticeError } from "./notice-error.ts";

export const NOTICE_CODE_VERSION = "LSN1";
export const MIN_SALT_BYTES = 16;
export const MAX_SALT_BYTES = 64;
export const MAX_EVENT_ID_BYTES = 200;
/** Longest code accepted before any decoding (bounds the work on hostile input). */
export const MAX_NOTICE_CODE_LENGTH = 512;

export interface NoticeCode {
  /** Event id of the case's `received` record in the log. */
  readonly eventId: string;
  /** The commitment salt (the bytes, not their encoding). */
  readonly salt: Uint8Array;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function checkOf(prefix: string): string {
  return createHash("sha256").update(prefix, "utf8").digest().subarray(0, 3).toString("base64url");
}

function malformed(message: string): never {
  throw new NoticeError("NOTICE_CODE_MALFORMED", message);
}

/** Strict base64url without padding: only the canonical encoding of some bytes is accepted. */
function decodeBase64Url(text: string, what: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) malformed(`the ${what} is not base64url`);
  const bytes = Buffer.from(text, "base64url");
  if (bytes.toString("base64url") !== text) malformed(`the ${what} is not canonical base64url`);
  return new Uint8Array(bytes);
}

/** The code for a case's received record and salt. Throws NOTICE_INPUT_INVALID for unusable values. */
export function formatNoticeCode(code: NoticeCode): string {
  const eventBytes = Buffer.from(code.eventId, "utf8");
  if (eventBytes.length === 0 || eventBytes.length > MAX_EVENT_ID_BYTES)
    throw new NoticeError("NOTICE_INPUT_INVALID", `an event id is 1–${MAX_EVENT_ID_BYTES} bytes`);
  if (code.salt.length < MIN_SALT_BYTES || code.salt.length > MAX_SALT_BYTES)
    throw new NoticeError("NOTICE_INPUT_INVALID", `a salt is ${MIN_SALT_BYTES}–${MAX_SALT_BYTES} bytes`);
  const prefix = `${NOTICE_CODE_VERSION}.${eventBytes.toString("base64url")}.${Buffer.from(code.salt).toString("base64url")}`;
  return `${prefix}.${checkOf(prefix)}`;
}

/** Parses a notice code (untrusted). Surrounding whitespace is ignored; everything else must be exact. */
export function parseNoticeCode(text: string): NoticeCode {
  if (typeof text !== "string") malformed("a notice code is a string");
  const trimmed = text.trim();
  if (trimmed.length > MAX_NOTICE_CODE_LENGTH) malformed("the notice code is too long");
  const parts = trimmed.split(".");
  const [version, eventPart, saltPart, check] = parts;
  if (version !== NOTICE_CODE_VERSION) {
    if (version !== undefined && /^LSN[0-9]+$/.test(version))
      throw new NoticeError(
        "NOTICE_CODE_UNSUPPORTED",
        `notice codes of version ${version} are not supported; this program reads ${NOTICE_CODE_VERSION}`,
      );
    malformed(`a notice code starts with "${NOTICE_CODE_VERSION}."`);
  }
  if (parts.length !== 4 || eventPart === undefined || saltPart === undefined || check === undefined)
    malformed(
      `a notice code has four parts separated by dots: ${NOTICE_CODE_VERSION}.<event>.<salt>.<check>`,
    );
  const prefix = `${version}.${eventPart}.${saltPart}`;
  if (check !== checkOf(prefix))
    throw new NoticeError(
      "NOTICE_CODE_CHECKSUM",
      "the notice code's check characters do not match: please compare it with the notice character by character",
    );
  const eventBytes = decodeBase64Url(eventPart, "event id");
  if (eventBytes.length > MAX_EVENT_ID_BYTES) malformed("the event id is too long");
  let eventId: string;
  try {
    eventId = new TextDecoder("utf-8", { fatal: true }).decode(eventBytes);
  } catch (cause) {
    throw new NoticeError("NOTICE_CODE_MALFORMED", "the event id is not UTF-8", { cause });
  }
  const salt = decodeBase64Url(saltPart, "salt");
  if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES)
    malformed(`the salt is ${salt.length} bytes; expected ${MIN_SALT_BYTES}–${MAX_SALT_BYTES}`);
  return { eventId, salt };
}
