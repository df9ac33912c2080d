/**
 * The notice code in the browser, ported from src/core/notices/notice-code.ts (which uses node:crypto):
 *
 *   LSN1.<base64url(event id)>.<base64url(salt)>.<check>
 *
 * `check` is the first 3 bytes of SHA-256 of everything before it, base64url, so a mistyped code is
 * reported as mistyped rather than as "not in the log". Untrusted input (typed or pasted by a
 * person): every malformed value becomes a NoticeCodeError.
 */
import { sha256, utf8 } from "../log/bytes.ts";

export const NOTICE_CODE_VERSION = "LSN1";
const MIN_SALT_BYTES = 16;
const MAX_SALT_BYTES = 64;
const MAX_EVENT_ID_BYTES = 200;
const MAX_NOTICE_CODE_LENGTH = 512;

export type NoticeCodeErrorCode =
  | "NOTICE_CODE_MALFORMED"
  | "NOTICE_CODE_UNSUPPORTED"
  | "NOTICE_CODE_CHECKSUM";

export class NoticeCodeError extends Error {
  readonly code: NoticeCodeErrorCode;
  constructor(code: NoticeCodeErrorCode, message: string) {
    super(message);
    this.name = "NoticeCodeError";
    this.code = code;
  }
}

export interface NoticeCode {
  readonly eventId: string;
  readonly salt: Uint8Array;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function malformed(message: string): never {
  throw new NoticeCodeError("NOTICE_CODE_MALFORMED", message);
}

function decodeBase64Url(text: string, what: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) malformed(`the ${what} is not base64url`);
  const padded = text.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (encodeBase64Url(bytes) !== text) malformed(`the ${what} is not canonical base64url`);
  return bytes;
}

async function checkOf(prefix: string): Promise<string> {
  return encodeBase64Url((await sha256(utf8(prefix))).slice(0, 3));
}

/** Parses a notice code; surrounding whitespace is ignored, everything else must be exact. */
export async function parseNoticeCode(text: string): Promise<NoticeCode> {
  const trimmed = text.trim();
  if (trimmed.length > MAX_NOTICE_CODE_LENGTH) malformed("the notice code is too long");
  const parts = trimmed.split(".");
  const [version, eventPart, saltPart, check] = parts;
  if (version !== NOTICE_CODE_VERSION) {
    if (version !== undefined && /^LSN[0-9]+$/.test(version))
      throw new NoticeCodeError(
        "NOTICE_CODE_UNSUPPORTED",
        `notice codes of version ${version} are not supported`,
      );
    malformed(`a notice code starts with "${NOTICE_CODE_VERSION}."`);
  }
  if (parts.length !== 4 || eventPart === undefined || saltPart === undefined || check === undefined)
    malformed(
      `a notice code has four parts separated by dots: ${NOTICE_CODE_VERSION}.<event>.<salt>.<check>`,
    );
  if (check !== (await checkOf(`${version}.${eventPart}.${saltPart}`)))
    throw new NoticeCodeError("NOTICE_CODE_CHECKSUM", "the code's check characters do not match");
  const eventBytes = decodeBase64Url(eventPart, "event id");
  if (eventBytes.length > MAX_EVENT_ID_BYTES) malformed("the event id is too long");
  let eventId: string;
  try {
    eventId = new TextDecoder("utf-8", { fatal: true }).decode(eventBytes);
  } catch {
    return malformed("the event id is not UTF-8");
  }
  const salt = decodeBase64Url(saltPart, "salt");
  if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES)
    malformed(`the salt is ${salt.length} bytes; expected ${MIN_SALT_BYTES}–${MAX_SALT_BYTES}`);
  return { eventId, salt };
}
