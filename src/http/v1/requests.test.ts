import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/support/databases.ts";
import {
  EXAMPLE_AUTHORITY,
  exampleRequest,
  newKeyPair,
  openTestCaseService,
  type TestCaseService,
} from "../../../test/support/test-case-service.ts";
import { decodePublicRecord } from "../../core/records/public-record.ts";

// Every dialect with intake preparing in its own thread, and once with a worker thread preparing (what
// `serve` runs): the contract is the same.
const setups = [
  ...testDialects.map((dialect) => ({ dialect, intakeWorkers: 0 })),
  { dialect: testDialects[0]!, intakeWorkers: 1 },
];

for (const { dialect, intakeWorkers } of setups) {
  describe(`POST /v1/requests (${dialect.name}${intakeWorkers > 0 ? ", intake worker thread" : ""})`, () => {
    let t: TestCaseService;
    beforeEach(async () => {
      t = await openTestCaseService(dialect, { intakeWorkers });
    });
    afterEach(async () => {
      await t.cleanup();
    });

    const submit = (payload: unknown) =>
      t.app.inject({ method: "POST", url: "/v1/requests", payload: payload as object });
    const journal = async () =>
      (await t.app.inject({ method: "GET", url: "/v1/intake-journal?limit=1000" })).json<{
        entries: Array<{
          outcome: string;
          reason: string;
          status: number;
          authority_id: string | null;
          case_id: string | null;
        }>;
      }>().entries;

    it("opens a case for a correctly signed request: 201 with the assessment and its log index", async () => {
      const response = await submit(t.signed(exampleRequest()));
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body.case_id).toMatch(/^case-/);
      expect(body.assessment.format).toBe("lightswitch.assessment/v1");
      expect(body.assessment.request_id).toBe("fr-ofac-2026-000417");
      expect(body.verdict).toBe(body.assessment.verdict);
      expect(typeof body.log_index).toBe("number");
      // The case workflow logged the case's `received` record at log_index, then its `assessed` record:
      // both sealed, since the example asks for confidentiality, and neither names the case.
      const entries = await t.service.log.store.readEntries(body.log_index, 2);
      expect(
        entries.map((entry) => decodePublicRecord(entry)).map((r) => [r.event_type, r.visibility]),
      ).toEqual([
        ["received", "sealed"],
        ["assessed", "sealed"],
      ]);
      expect(new TextDecoder().decode(entries[0]!)).not.toContain(body.case_id);
      // The request is personal data: encrypted at rest.
      const row = await t.service.database.db
        .withTables<{ cases: { request_json: string } }>()
        .selectFrom("cases")
        .select("request_json")
        .executeTakeFirstOrThrow();
      expect(row.request_json).not.toContain("payme@example.net");
    });

    it("answers a resubmission of the same request with 200 and the same case", async () => {
      const first = (await submit(t.signed(exampleRequest()))).json();
      const again = await submit(t.signed(exampleRequest()));
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ case_id: first.case_id, log_index: first.log_index });
    });

    it("opens one case when the same request arrives several times at once", async () => {
      const envelope = t.signed(exampleRequest());
      const responses = await Promise.all([1, 2, 3, 4, 5].map(() => submit(envelope)));
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.json().case_id)).size).toBe(1);
    });

    it("refuses the same id with different content: 409 CONFLICT", async () => {
      await submit(t.signed(exampleRequest()));
      const changed = { ...exampleRequest(), issued_at: "2026-10-03T09:14:00Z" };
      const response = await submit(t.signed(changed));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe("CONFLICT");
    });

    it.each([
      ["an envelope without signature", () => ({ request: exampleRequest() }), "unsigned"],
      ["a bare request", () => exampleRequest(), "unsigned"],
      [
        "a forged signature (another key)",
        () => t.signed(exampleRequest(), newKeyPair().privateKey),
        "bad_signature",
      ],
      [
        "a signature over other content",
        () => ({ ...t.signed(exampleRequest()), request: { ...exampleRequest(), id: "fr-other-1" } }),
        "bad_signature",
      ],
      [
        "an unknown key id",
        () => {
          const request = exampleRequest();
          request.requesting.authority_id = "xx-unknown";
          return t.signed(request, newKeyPair().privateKey, "xx-unknown");
        },
        "unknown_key",
      ],
      [
        "a JWS with an attached payload",
        () => ({ request: exampleRequest(), signature: "eyJhbGciOiJFZERTQSJ9.e30.AA" }),
        "malformed_signature",
      ],
    ])("refuses %s: 401 UNAUTHENTICATED, journaled with its reason", async (_name, build, reason) => {
      const response = await submit(build());
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("UNAUTHENTICATED");
      expect((await journal()).map((e) => e.reason)).toEqual([reason]);
    });

    it("refuses a signature by a revoked key, and accepts the rotated one", async () => {
      await t.service.directory.revoke(EXAMPLE_AUTHORITY);
      const revoked = await submit(t.signed(exampleRequest()));
      expect(revoked.statusCode).toBe(401);
      const next = newKeyPair();
      await t.service.directory.rotate(EXAMPLE_AUTHORITY, next.publicKeyPem);
      expect((await submit(t.signed(exampleRequest()))).statusCode).toBe(401);
      expect((await submit(t.signed(exampleRequest(), next.privateKey))).statusCode).toBe(201);
      expect((await journal()).map((e) => e.reason)).toEqual(["revoked_key", "bad_signature", "accepted"]);
    });

    it("refuses a registered authority signing for another (kid ≠ requesting.authority_id): 401", async () => {
      const other = newKeyPair();
      await t.service.directory.add({
        id: "br-pf-dcc",
        state: "BR",
        kind: "police",
        name: "PF",
        publicKey: other.publicKeyPem,
      });
      const response = await submit(t.signed(exampleRequest(), other.privateKey, "br-pf-dcc"));
      expect(response.statusCode).toBe(401);
      expect((await journal())[0]).toMatchObject({ reason: "kid_mismatch", authority_id: "br-pf-dcc" });
    });

    it("refuses an invalid request with 400 naming each field by its path in the body", async () => {
      const request = exampleRequest();
      (request["case"] as { offences: Array<Record<string, unknown>> }).offences[0]!["max_penalty_months"] =
        -1;
      request["colour"] = "blue";
      const response = await submit(t.signed(request));
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe("INVALID_REQUEST");
      expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        "request.case.offences[0].max_penalty_months",
        "request.colour",
      ]);
    });

    it.each([
      ["not JSON", "{", "INVALID_JSON", "invalid_json"],
      ["an array", "[]", "INVALID_INPUT", "invalid_envelope"],
      [
        "an envelope with an unknown member",
        JSON.stringify({ request: {}, signature: "x", extra: 1 }),
        "INVALID_INPUT",
        "invalid_envelope",
      ],
    ])("refuses a body that is %s with 400", async (_name, payload, code, reason) => {
      const response = await t.app.inject({
        method: "POST",
        url: "/v1/requests",
        headers: { "content-type": "application/json" },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe(code);
      expect((await journal())[0]?.reason).toBe(reason);
    });

    it("refuses a body over 1 MiB with 413, and journals it", async () => {
      const request = exampleRequest();
      (request["case"] as Record<string, unknown>)["facts"] = "x".repeat(1024 * 1024);
      const response = await submit(t.signed(request));
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe("PAYLOAD_TOO_LARGE");
      expect((await journal())[0]).toMatchObject({
        outcome: "rejected",
        reason: "body_too_large",
        status: 413,
      });
    });

    it("journals every attempt, accepted, replayed or rejected, in order", async () => {
      await submit(t.signed(exampleRequest()));
      await submit(t.signed(exampleRequest()));
      await submit({ request: exampleRequest() });
      await submit(t.signed(exampleRequest(), newKeyPair().privateKey));
      const entries = await journal();
      expect(entries.map((e) => [e.outcome, e.reason, e.status])).toEqual([
        ["accepted", "accepted", 201],
        ["replayed", "replayed", 200],
        ["rejected", "unsigned", 401],
        ["rejected", "bad_signature", 401],
      ]);
      expect(entries[0]?.case_id).toBe(entries[1]?.case_id);
      expect(entries.every((e) => e.authority_id === EXAMPLE_AUTHORITY)).toBe(true);
    });
  });
}

describe("personal data at rest", () => {
  it("stores the request and assessment through the sealing port, and a replay opens them", async () => {
    const sealer = {
      seal: (plaintext: string, context: string) =>
        `sealed:${context}:${Buffer.from(plaintext).toString("base64")}`,
      open: (stored: string, context: string) => {
        expect(stored.startsWith(`sealed:${context}:`)).toBe(true);
        return Buffer.from(stored.slice(`sealed:${context}:`.length), "base64").toString();
      },
    };
    const t = await openTestCaseService(testDialects[0]!, { personalData: sealer });
    try {
      const envelope = t.signed(exampleRequest());
      const first = await t.app.inject({ method: "POST", url: "/v1/requests", payload: envelope });
      const row = await t.service.database.db
        .withTables<{ cases: { request_json: string; assessment_json: string } }>()
        .selectFrom("cases")
        .select(["request_json", "assessment_json"])
        .executeTakeFirstOrThrow();
      expect(row.request_json).toMatch(/^sealed:cases\/case-[^/]+\/request_json:/);
      expect(row.assessment_json).not.toContain("lightswitch.assessment/v1");
      const again = await t.app.inject({ method: "POST", url: "/v1/requests", payload: envelope });
      expect(again.statusCode).toBe(200);
      expect(again.json().assessment).toEqual(first.json().assessment);
    } finally {
      await t.cleanup();
    }
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once an authority's bucket is empty, and journals it", async () => {
    const t = await openTestCaseService(testDialects[0]!, { rateLimit: { perSecond: 0.001, burst: 2 } });
    try {
      const statuses: number[] = [];
      for (const id of ["r-1", "r-2", "r-3"]) {
        const response = await t.app.inject({
          method: "POST",
          url: "/v1/requests",
          payload: t.signed({ ...exampleRequest(), id }),
        });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) expect(response.headers["retry-after"]).toBe("1");
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await t.cleanup();
    }
  });
});
