import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../test/support/databases.ts";
import { openCheckpoint } from "../../core/log/checkpoint.ts";
import { hashLeaf, MemoryTree } from "../../core/log/merkle.ts";
import { verifierFromVkey } from "../../core/log/note.ts";
import { parseProofFile, verifyProofFile } from "../../core/log/proof-file.ts";
import { decodeEntryBundle, TILE_WIDTH, tileHashes, tilesForSize } from "../../core/log/tiles.ts";
import { type LogKey, loadOrCreateLogKey } from "./log-keys.ts";
import { type LogService, openLogService } from "./log-service.ts";
import { LogServiceError } from "./log-service-error.ts";

const keyDir = mkdtempSync(join(tmpdir(), "lightswitch-key-"));
const key: LogKey = loadOrCreateLogKey(keyDir, "test.example/log");
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

const entry = (i: number) => Buffer.from(`entry ${i}`);

async function appendAll(service: LogService, from: number, to: number): Promise<number[]> {
  const pending: Array<Promise<{ index: number }>> = [];
  for (let i = from; i < to; i++) pending.push(service.sequencer.append(entry(i)));
  await service.sequencer.flush();
  return (await Promise.all(pending)).map((r) => r.index);
}

describe("log key", () => {
  it("is created once, private (0600), and named after the origin", () => {
    expect(statSync(join(keyDir, "log.key")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateLogKey(keyDir, "ignored.example").vkey).toBe(key.vkey);
    expect(key.vkey.startsWith("test.example/log+")).toBe(true);
  });
});

for (const dialect of testDialects) {
  describe(`sequencer on ${dialect.name}`, () => {
    let database: TestDatabase | undefined;
    let service: LogService | undefined;
    afterEach(async () => {
      await service?.close();
      await database?.cleanup();
      service = undefined;
      database = undefined;
    });

    it("signs an empty checkpoint for a new log", async () => {
      database = await dialect.open();
      service = await openLogService({ database, key, intervalMs: 60_000 });
      const note = await service.reader.checkpointNote();
      const { checkpoint } = openCheckpoint(note, [verifierFromVkey(key.vkey)], key.origin);
      expect(checkpoint.size).toBe(0);
      expect(Buffer.from(checkpoint.rootHash).toString("hex")).toBe(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      );
    });

    it("acknowledges appends in order and serves the same tiles and bundles as an in-memory tree", async () => {
      database = await dialect.open();
      service = await openLogService({ database, key, intervalMs: 60_000 });
      const sizes = [1, 255, 256, 600, 65_536 + 300];
      const tree = new MemoryTree();
      let size = 0;
      for (const target of sizes) {
        expect(await appendAll(service, size, target)).toEqual(
          Array.from({ length: target - size }, (_, i) => size + i),
        );
        for (let i = size; i < target; i++) tree.append(hashLeaf(entry(i)));
        size = target;
        const { checkpoint } = openCheckpoint(await service.reader.checkpointNote(), [
          verifierFromVkey(key.vkey),
        ]);
        expect(checkpoint.size).toBe(size);
        expect(checkpoint.rootHash).toEqual(tree.root());
      }
      for (const t of tilesForSize(size).filter((t) => t.level > 0 || t.index % 64 === 0 || t.width < 256))
        expect(await service.reader.tile(t.level, t.index, t.width)).toEqual(
          tileHashes(t.level, t.index, t.width, tree),
        );
      const lastBundle = Math.floor(size / TILE_WIDTH);
      const bundle = decodeEntryBundle(await service.reader.entryBundle(lastBundle, size % TILE_WIDTH));
      expect(Buffer.from(bundle[0]!).toString()).toBe(`entry ${lastBundle * TILE_WIDTH}`);
      await expect(service.reader.tile(0, lastBundle + 1, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(service.reader.tile(3, 0, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("resumes after a restart and keeps the tree consistent", async () => {
      database = await dialect.open();
      service = await openLogService({ database, key, intervalMs: 60_000 });
      await appendAll(service, 0, 300);
      await service.close();
      const reopened = await database.reopen();
      const second = await openLogService({ database: reopened, key, intervalMs: 60_000 });
      expect(await appendAll(second, 300, 700)).toHaveLength(400);
      const tree = new MemoryTree();
      for (let i = 0; i < 700; i++) tree.append(hashLeaf(entry(i)));
      expect((await second.reader.checkpoint()).rootHash).toEqual(tree.root());
      expect(await second.reader.consistencyProof(300, 700)).not.toHaveLength(0);
      await second.close();
      await reopened.close();
    });

    it("hands out a tlog-proof file for an event id that verifies offline", async () => {
      database = await dialect.open();
      service = await openLogService({ database, key, intervalMs: 60_000 });
      await appendAll(service, 0, 10);
      const acked = service.sequencer.append(Buffer.from("event A"), { eventId: "evt-a" });
      await appendAll(service, 10, 20);
      const index = await service.reader.indexOfEvent("evt-a");
      expect((await acked).index).toBe(index);
      const { proofFile } = await service.reader.proofFile(index);
      const parsed = parseProofFile(proofFile);
      expect(() =>
        verifyProofFile(parsed, hashLeaf(Buffer.from("event A")), {
          origin: key.origin,
          verifiers: [verifierFromVkey(key.vkey)],
        }),
      ).not.toThrow();
    });

    it("treats a repeated event id as a retry, and refuses different content under the same id", async () => {
      database = await dialect.open();
      service = await openLogService({ database, key, intervalMs: 60_000 });
      const first = service.sequencer.append(Buffer.from("A"), { eventId: "e1" });
      const sameBatch = service.sequencer.append(Buffer.from("A"), { eventId: "e1" });
      await service.sequencer.flush();
      const retry = service.sequencer.append(Buffer.from("A"), { eventId: "e1" });
      const conflict = service.sequencer.append(Buffer.from("B"), { eventId: "e1" });
      const other = service.sequencer.append(Buffer.from("C"), { eventId: "e2" });
      await service.sequencer.flush();
      expect((await first).index).toBe(0);
      expect((await sameBatch).index).toBe(0);
      expect((await retry).index).toBe(0);
      await expect(conflict).rejects.toMatchObject({ code: "EVENT_ID_CONFLICT" });
      expect((await other).index).toBe(1);
    });

    it("refuses an entry larger than an entry bundle can hold", async () => {
      database = await dialect.open();
      service = await openLogService({ database, key, intervalMs: 60_000 });
      const error = await service.sequencer.append(new Uint8Array(65_536)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LogServiceError);
      expect((error as LogServiceError).code).toBe("ENTRY_TOO_LARGE");
    });
  });
}
