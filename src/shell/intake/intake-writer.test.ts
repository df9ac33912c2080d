import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../test/support/databases.ts";
import { EXAMPLE_AUTHORITY, exampleRequest } from "../../../test/support/test-case-service.ts";
import { canonicalBytes } from "../../core/intake/canonical-json.ts";
import { signDetachedJws } from "../../core/intake/detached-jws.ts";
import { loadShippedLaw } from "../kb/load-shipped-law.ts";
import { withIntakeTables } from "./intake-tables.ts";
import { IntakeWriter, type Submission } from "./intake-writer.ts";
import { type PreparedCase, prepareSubmission } from "./prepare-submission.ts";

const law = loadShippedLaw();
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();

let caseNumber = 0;
/** A prepared case for `request` (signed by the example authority), as a worker would hand it over. */
function prepared(request: Record<string, unknown>, key: KeyObject = privateKey): PreparedCase {
  const body = Buffer.from(
    JSON.stringify({ request, signature: signDetachedJws(canonicalBytes(request), key, EXAMPLE_AUTHORITY) }),
  );
  const result = prepareSubmission(
    {
      body,
      kid: EXAMPLE_AUTHORITY,
      publicKey: publicKeyPem,
      receivedAt: Date.parse("2026-11-26T12:00:00Z"),
      caseId: `case-${++caseNumber}`,
      salt: new Uint8Array(32),
    },
    {
      law,
      personalData: { seal: (p) => p, open: (s) => s },
      dataKey: undefined,
      keyObject: () => publicKey,
    },
  );
  if (result.kind !== "prepared") throw new Error(`not prepared: ${JSON.stringify(result)}`);
  return result.prepared;
}

const submission = (requestId: string): Submission => ({
  receivedAt: Date.parse("2026-11-26T12:00:00Z"),
  bodySha256: "00",
  bodySize: 1,
  claims: { authorityId: EXAMPLE_AUTHORITY, requestId },
});

for (const dialect of testDialects) {
  describe(`intake writer (${dialect.name})`, () => {
    let database: TestDatabase;
    let writer: IntakeWriter;
    beforeEach(async () => {
      database = await dialect.open();
      const db = withIntakeTables(database.db);
      await db
        .insertInto("authorities")
        .values({ id: EXAMPLE_AUTHORITY, state: "FR", kind: "prosecutor", name: "Paris", created_at: 0 })
        .execute();
      writer = new IntakeWriter(db);
    });
    afterEach(async () => {
      await database.cleanup();
    });

    const journal = async () =>
      (
        await withIntakeTables(database.db)
          .selectFrom("intake_journal")
          .select(["request_id", "outcome", "reason", "case_id"])
          .orderBy("seq")
          .execute()
      ).map((r) => `${r.request_id} ${r.outcome} ${r.reason} ${r.case_id ?? "-"}`);

    it("writes the submissions that arrive together in one group, journaled in arrival order", async () => {
      const a = prepared({ ...exampleRequest(), id: "req-a" });
      const b = prepared({ ...exampleRequest(), id: "req-b" });
      const outcomes = await Promise.all([
        writer.record(submission("req-a"), a),
        writer.journalRejection(submission("req-x"), "bad_signature"),
        writer.record(submission("req-b"), b),
      ]);
      expect(outcomes[0]?.kind).toBe("accepted");
      expect(outcomes[2]?.kind).toBe("accepted");
      expect(await journal()).toEqual([
        `req-a accepted accepted ${a.caseRow.case_id}`,
        "req-x rejected bad_signature -",
        `req-b accepted accepted ${b.caseRow.case_id}`,
      ]);
    });

    it("answers a request sent twice in one group as one case and a replay of it", async () => {
      const request = { ...exampleRequest(), id: "req-twice" };
      const first = prepared(request);
      const [one, two] = await Promise.all([
        writer.record(submission("req-twice"), first),
        writer.record(submission("req-twice"), prepared(request)),
      ]);
      expect(one?.kind).toBe("accepted");
      expect(two).toMatchObject({ kind: "replayed", existing: { case_id: first.caseRow.case_id } });
      const again = await writer.record(submission("req-twice"), prepared(request));
      expect(again).toMatchObject({ kind: "replayed", existing: { case_id: first.caseRow.case_id } });
    });

    it("finds a conflict, in the same group or later, and writes nothing for it", async () => {
      const request: Record<string, unknown> = { ...exampleRequest(), id: "req-c" };
      const changed = {
        ...request,
        case: { ...(request["case"] as object), reference: "another reference" },
      };
      const [one, two] = await Promise.all([
        writer.record(submission("req-c"), prepared(request)),
        writer.record(submission("req-c"), prepared(changed)),
      ]);
      expect(one?.kind).toBe("accepted");
      expect(two?.kind).toBe("conflict");
      expect((await writer.record(submission("req-c"), prepared(changed))).kind).toBe("conflict");
      expect(await journal()).toHaveLength(1);
    });

    it("writes every submission of a failed group again alone, so only the broken one fails", async () => {
      const a = prepared({ ...exampleRequest(), id: "req-1" });
      const taken = prepared({ ...exampleRequest(), id: "req-2" });
      const b = prepared({ ...exampleRequest(), id: "req-3" });
      // Another writer already stored a case under req-2's case id: the group's INSERT fails.
      await withIntakeTables(database.db)
        .insertInto("cases")
        .values({ ...taken.caseRow, request_id: "elsewhere" })
        .execute();
      const results = await Promise.allSettled([
        writer.record(submission("req-1"), a),
        writer.record(submission("req-2"), taken),
        writer.record(submission("req-3"), b),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await journal()).toEqual([
        `req-1 accepted accepted ${a.caseRow.case_id}`,
        `req-3 accepted accepted ${b.caseRow.case_id}`,
      ]);
    });
  });
}
