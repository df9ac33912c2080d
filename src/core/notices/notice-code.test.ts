import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNoticeCode, parseNoticeCode } from "./notice-code.ts";
import { isNoticeError, type NoticeErrorCode } from "./notice-error.ts";

const salt = new Uint8Array(32).fill(7);

function codeOf(fn: () => unknown): NoticeErrorCode | "no error" {
  try {
    fn();
    return "no error";
  } catch (error) {
    if (isNoticeError(error)) return error.code;
    throw error;
  }
}

describe("notice code", () => {
  it("round-trips an intake event id (with a slash) and a 32-byte salt", () => {
    const code = formatNoticeCode({ eventId: "case-1f2e/received", salt });
    expect(code).toMatch(/^LSN1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{4}$/);
    const parsed = parseNoticeCode(` ${code}\n`);
    expect(parsed.eventId).toBe("case-1f2e/received");
    expect(Buffer.from(parsed.salt).equals(Buffer.from(salt))).toBe(true);
  });

  test.prop([
    fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" }),
    fc.uint8Array({ minLength: 16, maxLength: 64 }),
  ])("any event id and salt round-trip", (eventId, bytes) => {
    const parsed = parseNoticeCode(formatNoticeCode({ eventId, salt: bytes }));
    expect(parsed.eventId).toBe(eventId);
    expect([...parsed.salt]).toEqual([...bytes]);
  });

  test.prop([fc.string({ maxLength: 600 })])("arbitrary text gives a typed error, never a crash", (text) => {
    const result = codeOf(() => parseNoticeCode(text));
    expect([
      "no error",
      "NOTICE_CODE_MALFORMED",
      "NOTICE_CODE_UNSUPPORTED",
      "NOTICE_CODE_CHECKSUM",
    ]).toContain(result);
  });

  const good = formatNoticeCode({ eventId: "ev-12345678", salt });
  const [, event, saltPart, check] = good.split(".") as [string, string, string, string];
  const typo = `${good.slice(0, 10)}${good[10] === "A" ? "B" : "A"}${good.slice(11)}`;

  it.each<[string, string, NoticeErrorCode]>([
    ["an empty string", "", "NOTICE_CODE_MALFORMED"],
    ["another scheme", `XYZ1.${event}.${saltPart}.${check}`, "NOTICE_CODE_MALFORMED"],
    ["a future version", `LSN2.${event}.${saltPart}.${check}`, "NOTICE_CODE_UNSUPPORTED"],
    ["three parts", `LSN1.${event}.${saltPart}`, "NOTICE_CODE_MALFORMED"],
    ["five parts", `${good}.x`, "NOTICE_CODE_MALFORMED"],
    ["a typo", typo, "NOTICE_CODE_CHECKSUM"],
    ["a wrong check", `LSN1.${event}.${saltPart}.AAAA`, "NOTICE_CODE_CHECKSUM"],
    ["a very long code", `LSN1.${"A".repeat(600)}`, "NOTICE_CODE_MALFORMED"],
  ])("%s is rejected with %s", (_name, text, expected) => {
    expect(codeOf(() => parseNoticeCode(text))).toBe(expected);
  });

  it("rejects a short salt or an empty event id when formatting", () => {
    expect(codeOf(() => formatNoticeCode({ eventId: "e", salt: new Uint8Array(8) }))).toBe(
      "NOTICE_INPUT_INVALID",
    );
    expect(codeOf(() => formatNoticeCode({ eventId: "", salt }))).toBe("NOTICE_INPUT_INVALID");
  });
});
