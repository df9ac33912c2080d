import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../../test/support/databases.ts";
import { openTestLog, type TestLog } from "../../../../test/support/test-log.ts";
import { cosignatureVerifierFromVkey, cosignerFromSkey } from "../../../core/log/cosignature.ts";
import { generateEd25519Keys, openNote, verifierFromVkey } from "../../../core/log/note.ts";
import { witnessRoutes } from "../../../http/witness-routes.ts";
import { WitnessService } from "../witness-service.ts";
import { collectCosignatures } from "./witness-client.ts";

describe("cosignature collection (real HTTP on 127.0.0.1)", () => {
  let log: TestLog | undefined;
  let witnessDb: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await log?.cleanup();
    await witnessDb?.cleanup();
  });

  it("learns the witness's size from a 409, retries, and stores a checkpoint that verifies with both keys", async () => {
    const sqlite = testDialects[0]!;
    log = await openTestLog(sqlite, "cosign.test.example/log");
    witnessDb = await sqlite.open();
    const cosigner = cosignerFromSkey(generateEd25519Keys("w.test.example").skey);
    const witness = new WitnessService({
      database: witnessDb,
      cosigner,
      logs: new Map([["cosign.test.example/log", [verifierFromVkey(log.service.vkey)]]]),
    });
    app = Fastify();
    await app.register(witnessRoutes, { witness });
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    const witnesses = [{ url, vkey: cosigner.vkey }];

    await log.append(0, 100);
    expect(
      await collectCosignatures(witnesses, await log.service.reader.checkpoint(), log.service.reader),
    ).toEqual([{ witness: url, ok: true, detail: "cosigned" }]);
    // The log forgets what the witness saw: its first request says old 0, the witness answers 409 "100".
    await log.service.store.setWitnessSize(cosigner.vkey, 0);
    await log.append(100, 400);
    const outcomes = await collectCosignatures(
      witnesses,
      await log.service.reader.checkpoint(),
      log.service.reader,
    );
    expect(outcomes[0]?.ok).toBe(true);
    const served = await log.service.reader.checkpointNote();
    const opened = openNote(served, [
      verifierFromVkey(log.service.vkey),
      cosignatureVerifierFromVkey(cosigner.vkey),
    ]);
    expect(opened.verified.map((s) => s.name).sort()).toEqual(["cosign.test.example/log", "w.test.example"]);
    expect((await witness.state("cosign.test.example/log"))?.size).toBe(400);
  });

  it("reports a witness that refuses (unknown log) and leaves the checkpoint uncosigned", async () => {
    const sqlite = testDialects[0]!;
    log = await openTestLog(sqlite, "other.test.example/log");
    witnessDb = await sqlite.open();
    const cosigner = cosignerFromSkey(generateEd25519Keys("w.test.example").skey);
    app = Fastify();
    await app.register(witnessRoutes, {
      witness: new WitnessService({ database: witnessDb, cosigner, logs: new Map() }),
    });
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    await log.append(0, 10);
    const outcomes = await collectCosignatures(
      [{ url, vkey: cosigner.vkey }],
      await log.service.reader.checkpoint(),
      log.service.reader,
    );
    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(outcomes[0]?.detail).toMatch(/^status 404/);
    expect((await log.service.reader.checkpoint()).cosignedNote).toBeNull();
  });
});
