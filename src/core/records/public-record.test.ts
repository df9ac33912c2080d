import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canonicalize } from "../intake/canonical-json.ts";
import {
  commitToRequest,
  decodePublicRecord,
  encodePublicRecord,
  type PublicRecord,
  PublicRecordError,
} from "./public-record.ts";

const salt = new Uint8Array(32).fill(9);
const request = { format: "lightswitch.request/v1", case: { reference: "X-1" } };
const commitment = commitToRequest(salt, request);

const assessed: PublicRecord = {
  format: "lightswitch.public-record/v1",
  event_id: "evt_0000000001",
  event_type: "assessed",
  date: "2026-11-26",
  commitment,
  visibility: "public",
  details: {
    requesting_state: "FR",
    requested_party: { state: "IE", party: "provider", provider: "Example Mail Ltd" },
    instrument: "budapest-2001",
    conduct: ["computer_fraud", "fraud"],
    measures: ["subscriber_info", "content_data"],
    verdict: "execute",
    refusal_grounds: [],
  },
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return error instanceof PublicRecordError ? error.code : "OTHER";
  }
  return undefined;
}

describe("public record", () => {
  it("commits to the canonical request: key order and whitespace do not change the commitment", () => {
    const reordered = JSON.parse(`{ "case": {"reference":"X-1"}, "format": "lightswitch.request/v1" }`);
    expect(commitToRequest(salt, reordered)).toBe(commitment);
    expect(commitToRequest(new Uint8Array(32).fill(8), request)).not.toBe(commitment);
  });

  it("a sealed record publishes only the event type, the day and the commitment", () => {
    const sealed: PublicRecord = {
      format: "lightswitch.public-record/v1",
      event_id: "evt_0000000002",
      event_type: "sealed",
      date: "2026-11-27",
      commitment,
      visibility: "sealed",
    };
    const text = Buffer.from(encodePublicRecord(sealed)).toString();
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(
      ["commitment", "date", "event_id", "event_type", "format", "visibility"].sort(),
    );
    expect(codeOf(() => encodePublicRecord({ ...sealed, details: assessed.details } as never))).toBe(
      "RECORD_INVALID",
    );
  });

  it("encodes canonically and decodes to the same record", () => {
    const bytes = encodePublicRecord(assessed);
    expect(Buffer.from(bytes).toString()).toBe(canonicalize(JSON.parse(Buffer.from(bytes).toString())));
    expect(encodePublicRecord(decodePublicRecord(bytes))).toEqual(bytes);
  });

  it.each([
    ["a time instead of a day", { date: "2026-11-26T10:00:00Z" }],
    ["an impossible day", { date: "2026-02-30" }],
    ["an unknown event type", { event_type: "deleted" }],
    ["an upper-case commitment", { commitment: commitment.toUpperCase() }],
    ["an unknown field (e.g. a name)", { subject_name: "Jane Doe" }],
  ])("refuses %s", (_name, change) => {
    expect(codeOf(() => encodePublicRecord({ ...assessed, ...change } as never))).toBe("RECORD_INVALID");
  });

  it("refuses an entry that is valid JSON but not the canonical encoding", () => {
    const pretty = Buffer.from(
      JSON.stringify(JSON.parse(Buffer.from(encodePublicRecord(assessed)).toString()), null, 1),
    );
    expect(codeOf(() => decodePublicRecord(pretty))).toBe("RECORD_NOT_CANONICAL");
    expect(codeOf(() => decodePublicRecord(new Uint8Array([0xff, 0xfe])))).toBe("RECORD_INVALID");
  });

  test.prop([
    fc.uniqueArray(fc.constantFrom("fraud", "extortion", "computer_fraud", "ransomware"), { maxLength: 4 }),
  ])("the same facts in any order give the same bytes", (conduct) => {
    const a = encodePublicRecord({
      ...assessed,
      details: { ...assessed.details, conduct: conduct as never },
    });
    const b = encodePublicRecord({
      ...assessed,
      details: { ...assessed.details, conduct: [...conduct].reverse() as never },
    });
    expect(a).toEqual(b);
  });
});
