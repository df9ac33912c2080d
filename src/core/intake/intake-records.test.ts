import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Assessment } from "../assess/assessment.ts";
import { decodePublicRecord } from "../records/public-record.ts";
import { parseRequest } from "../request/parse-request.ts";
import { intakeEventId, intakeRecords } from "./intake-records.ts";

const example = JSON.parse(
  readFileSync(new URL("../../../examples/fr-ransomware-subscriber.json", import.meta.url), "utf8"),
);
const salt = new Uint8Array(32).fill(7);
const receivedAt = new Date("2026-11-26T19:30:12Z");
// A stand-in assessment: the records only read its verdict and findings.
const assessment = {
  verdict: "review",
  findings: [{ rule: "dual-criminality", outcome: "fail", effect: "review" }],
} as unknown as Assessment;

describe("the public records of a case opened at intake", () => {
  it("publishes who asked whom for what on which day, and the assessed verdict with its grounds, but no identifiers", () => {
    const request = parseRequest({ ...example, confidentiality: undefined });
    const [received, assessed] = intakeRecords({ request, assessment, salt, receivedAt });
    const r = decodePublicRecord(received.bytes);
    const a = decodePublicRecord(assessed.bytes);
    expect(r).toMatchObject({ event_type: "received", visibility: "public", date: "2026-11-26" });
    expect(a).toMatchObject({
      event_type: "assessed",
      details: { verdict: "review", refusal_grounds: ["dual-criminality"] },
    });
    const text = new TextDecoder().decode(received.bytes) + new TextDecoder().decode(assessed.bytes);
    expect(text).not.toContain("payme@example.net");
    expect(text).not.toContain(request.id);
  });

  it("seals both records when the requester asked for confidentiality: only type, day and commitment", () => {
    const request = parseRequest(example);
    const [received] = intakeRecords({ request, assessment, salt, receivedAt });
    expect(decodePublicRecord(received.bytes)).not.toHaveProperty("details");
  });

  it("derives the same opaque event ids and bytes again from the salt (retries are idempotent)", () => {
    const request = parseRequest(example);
    expect(intakeRecords({ request, assessment, salt, receivedAt })).toEqual(
      intakeRecords({ request, assessment, salt, receivedAt }),
    );
    expect(intakeEventId(salt, "received")).not.toBe(intakeEventId(new Uint8Array(32), "received"));
    expect(intakeEventId(salt, "received")).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
