import { createPublicKey } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EXAMPLE_AUTHORITY, exampleRequest, newKeyPair } from "../../../test/support/test-case-service.ts";
import { canonicalBytes } from "../../core/intake/canonical-json.ts";
import { signDetachedJws } from "../../core/intake/detached-jws.ts";
import { loadOrCreateDataKey } from "../crypto/personal-data.ts";
import { IntakeWorkers } from "./intake-workers.ts";
import type { SubmissionToPrepare } from "./prepare-submission.ts";

describe("intake worker threads", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "lightswitch-workers-"));
  let workers: IntakeWorkers | undefined;
  afterEach(async () => {
    await workers?.close();
    workers = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const { privateKey, publicKeyPem } = newKeyPair();
  // As the key directory stores it: base64url raw Ed25519.
  const rawPublicKey = createPublicKey(publicKeyPem).export({ format: "jwk" }).x as string;
  const submission = (n: number): SubmissionToPrepare => {
    const request = { ...exampleRequest(), id: `worker-test-${n}` };
    const signature = signDetachedJws(canonicalBytes(request), privateKey, EXAMPLE_AUTHORITY);
    return {
      body: Buffer.from(JSON.stringify({ request, signature })),
      kid: EXAMPLE_AUTHORITY,
      publicKey: rawPublicKey,
      receivedAt: Date.parse("2026-11-26T10:00:00Z"),
      caseId: `case-worker-test-${n}`,
      salt: new Uint8Array(32).fill(n),
    };
  };

  it("fails the submissions a dying thread held (never acknowledged) and prepares the next on a new thread", async () => {
    workers = new IntakeWorkers({ count: 1, dataKey: loadOrCreateDataKey(dataDir) });
    expect((await workers.prepare(submission(0))).kind).toBe("prepared");
    const [dying] = workers.threads;
    const held = Array.from({ length: 50 }, (_, i) => workers!.prepare(submission(i + 1)));
    await dying!.terminate();
    const settled = await Promise.allSettled(held);
    const failed = settled.filter((s) => s.status === "rejected");
    // Fifty preparations take far longer than stopping the thread: the last of them were in its hands.
    expect(failed.length).toBeGreaterThan(0);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/intake worker exited/);
    expect(workers.threads[0]).not.toBe(dying);
    const next = await workers.prepare(submission(99));
    expect(next.kind).toBe("prepared");
    if (next.kind === "prepared") expect(next.prepared.caseRow.case_id).toBe("case-worker-test-99");
  });

  it("prepares a body that is a view of a larger buffer, and leaves the caller's buffer whole", async () => {
    workers = new IntakeWorkers({ count: 1, dataKey: loadOrCreateDataKey(dataDir) });
    const input = submission(7);
    const pool = Buffer.alloc(65536, 0x20);
    pool.set(input.body, 100);
    const view = pool.subarray(100, 100 + input.body.length);
    const prepared = await workers.prepare({ ...input, body: view });
    expect(prepared.kind).toBe("prepared");
    // Only a copy was transferred: transferring the view's own ArrayBuffer would have detached it.
    expect(pool.byteLength).toBe(65536);
    expect(view.equals(Buffer.from(input.body))).toBe(true);
  });
});
