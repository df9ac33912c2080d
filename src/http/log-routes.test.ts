import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { testDialects } from "../../test/support/databases.ts";
import { openTestLog, type TestLog, testEntry } from "../../test/support/test-log.ts";
import { decodeBase64Strict } from "../core/log/bytes.ts";
import { openCheckpoint } from "../core/log/checkpoint.ts";
import { hashLeaf, MemoryTree, verifyConsistency } from "../core/log/merkle.ts";
import { verifierFromVkey } from "../core/log/note.ts";
import { parseProofFile, verifyProofFile } from "../core/log/proof-file.ts";
import { decodeEntryBundle, tileHashes } from "../core/log/tiles.ts";
import { logRoutes } from "./log-routes.ts";

for (const dialect of testDialects) {
  describe(`log routes on ${dialect.name}`, () => {
    let log: TestLog | undefined;
    let app: FastifyInstance | undefined;
    afterEach(async () => {
      await app?.close();
      await log?.cleanup();
    });

    async function serve(size: number): Promise<FastifyInstance> {
      log = await openTestLog(dialect);
      await log.append(0, size, (i) => `event-${i}`);
      app = Fastify();
      await app.register(logRoutes, { prefix: "/log", reader: log.service.reader });
      return app;
    }

    it("serves the signed checkpoint as text/plain with a short cache lifetime", async () => {
      const server = await serve(300);
      const response = await server.inject({ method: "GET", url: "/log/checkpoint" });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(response.headers["cache-control"]).toBe("public, max-age=2");
      const { checkpoint } = openCheckpoint(
        response.body,
        [verifierFromVkey(log!.service.vkey)],
        "test.example/log",
      );
      expect(checkpoint.size).toBe(300);
    });

    it("serves full tiles as immutable and partial tiles briefly, byte for byte as the tree has them", async () => {
      const server = await serve(300);
      const tree = new MemoryTree();
      for (let i = 0; i < 300; i++) tree.append(hashLeaf(testEntry(i)));
      const full = await server.inject({ method: "GET", url: "/log/tile/0/000" });
      expect(full.statusCode).toBe(200);
      expect(full.headers["content-type"]).toBe("application/octet-stream");
      expect(full.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(new Uint8Array(full.rawPayload)).toEqual(tileHashes(0, 0, 256, tree));
      const partial = await server.inject({ method: "GET", url: "/log/tile/0/001.p/44" });
      expect(partial.statusCode).toBe(200);
      expect(partial.headers["cache-control"]).toBe("public, max-age=2");
      expect(new Uint8Array(partial.rawPayload)).toEqual(tileHashes(0, 1, 44, tree));
      const level1 = await server.inject({ method: "GET", url: "/log/tile/1/000.p/1" });
      expect(new Uint8Array(level1.rawPayload)).toEqual(tileHashes(1, 0, 1, tree));
      const bundle = await server.inject({ method: "GET", url: "/log/tile/entries/001.p/44" });
      expect(
        decodeEntryBundle(new Uint8Array(bundle.rawPayload)).map((e) => Buffer.from(e).toString()),
      ).toEqual(Array.from({ length: 44 }, (_, i) => `entry ${256 + i}`));
    });

    it.each([
      ["a full tile that is still partial", "/log/tile/0/001", 404],
      ["a partial tile wider than the tree", "/log/tile/0/001.p/45", 404],
      ["a tile beyond the tree", "/log/tile/0/002.p/1", 404],
      ["a level above the tree", "/log/tile/2/000.p/1", 404],
      ["an entry bundle beyond the tree", "/log/tile/entries/x001/000", 404],
      ["a tile index without its x prefix", "/log/tile/0/1/000", 400],
      ["a width of 256", "/log/tile/0/001.p/256", 400],
      ["level 64", "/log/tile/64/000", 400],
      ["an index above 2^64", "/log/tile/0/x018/x446/x744/x073/x709/x551/616", 400],
      ["garbage", "/log/tile/%00/../x", 400],
    ])("answers %s with %i and a typed error", async (_name, url, status) => {
      const server = await serve(300);
      const response = await server.inject({ method: "GET", url });
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toMatch(/^[A-Z_]+$/);
    });

    it("finds an event's index and hands out a proof file that verifies offline", async () => {
      const server = await serve(300);
      const lookup = await server.inject({ method: "GET", url: "/log/lookup?event=event-77" });
      expect(lookup.json()).toEqual({ index: 77 });
      const proof = await server.inject({ method: "GET", url: "/log/proof?event=event-77" });
      expect(proof.statusCode).toBe(200);
      const file = parseProofFile(proof.body);
      expect(file.index).toBe(77);
      expect(() =>
        verifyProofFile(file, hashLeaf(testEntry(77)), {
          origin: "test.example/log",
          verifiers: [verifierFromVkey(log!.service.vkey)],
        }),
      ).not.toThrow();
      expect((await server.inject({ method: "GET", url: "/log/proof?index=300" })).statusCode).toBe(404);
      expect((await server.inject({ method: "GET", url: "/log/proof?index=-1" })).statusCode).toBe(400);
      expect((await server.inject({ method: "GET", url: "/log/lookup?event=nope" })).statusCode).toBe(404);
    });

    it("proves consistency between two sizes", async () => {
      const server = await serve(300);
      const tree = new MemoryTree();
      const roots: Uint8Array[] = [tree.root()];
      for (let i = 0; i < 300; i++) {
        tree.append(hashLeaf(testEntry(i)));
        roots.push(tree.root());
      }
      const response = await server.inject({ method: "GET", url: "/log/consistency?old=100&new=300" });
      expect(response.statusCode).toBe(200);
      const proof = response.body
        .trimEnd()
        .split("\n")
        .map((line) => decodeBase64Strict(line)!);
      expect(() => verifyConsistency(100, 300, proof, roots[100]!, roots[300]!)).not.toThrow();
      expect(
        (await server.inject({ method: "GET", url: "/log/consistency?old=301&new=300" })).statusCode,
      ).toBe(400);
      expect((await server.inject({ method: "GET", url: "/log/consistency?old=1&new=400" })).statusCode).toBe(
        400,
      );
    });
  });
}
