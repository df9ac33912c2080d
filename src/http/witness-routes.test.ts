import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { readVectorJson } from "../../test/log-vectors/vectors.ts";
import { type TestDatabase, testDialects } from "../../test/support/databases.ts";
import { cosignatureVerifierFromVkey, cosignerFromSkey } from "../core/log/cosignature.ts";
import { openNote, splitNote, verifierFromVkey } from "../core/log/note.ts";
import { WitnessService } from "../shell/log/witness-service.ts";
import { witnessRoutes } from "./witness-routes.ts";

const vectors = readVectorJson<{
  log: { origin: string; vkey: string };
  witness: { skey: string };
  root_size5_hex: string;
  root_size8_hex: string;
  checkpoint_size5: string;
  checkpoint_size8: string;
  add_checkpoint_cases: Array<{
    desc: string;
    witness_state_size?: number;
    request_body?: string;
    expect_status: number;
    expect_body?: string;
    expect_content_type?: string;
  }>;
}>("witness-add-checkpoint.json");
const extra = readVectorJson<{ unknown_origin_checkpoint: { checkpoint: string } }>(
  "derived/witness-extra.json",
);

const cosigner = cosignerFromSkey(vectors.witness.skey);
const roots: Record<number, { root: string; note: string }> = {
  5: { root: vectors.root_size5_hex, note: vectors.checkpoint_size5 },
  8: { root: vectors.root_size8_hex, note: vectors.checkpoint_size8 },
};

for (const dialect of testDialects) {
  describe(`witness add-checkpoint on ${dialect.name}`, () => {
    let database: TestDatabase | undefined;
    let app: FastifyInstance | undefined;
    afterEach(async () => {
      await app?.close();
      await database?.cleanup();
    });

    async function witnessAt(size: number | undefined): Promise<FastifyInstance> {
      database = await dialect.open();
      if (size !== undefined && size > 0)
        await database.db
          .insertInto("witness_checkpoints")
          .values({
            origin: vectors.log.origin,
            size,
            root_hash: Buffer.from(roots[size]!.root, "hex"),
            note: roots[size]!.note,
            updated_at: 0,
          })
          .execute();
      const witness = new WitnessService({
        database,
        cosigner,
        logs: new Map([[vectors.log.origin, [verifierFromVkey(vectors.log.vkey)]]]),
        now: () => 1_700_000_000_000,
      });
      app = Fastify();
      await app.register(witnessRoutes, { witness });
      return app;
    }

    for (const vector of vectors.add_checkpoint_cases.filter((c) => c.request_body !== undefined)) {
      it(`${vector.desc}: ${vector.expect_status}`, async () => {
        const server = await witnessAt(vector.witness_state_size);
        const response = await server.inject({
          method: "POST",
          url: "/add-checkpoint",
          payload: vector.request_body!,
        });
        expect(response.statusCode).toBe(vector.expect_status);
        if (vector.expect_body !== undefined) expect(response.body).toBe(vector.expect_body);
        if (vector.expect_content_type !== undefined)
          expect(response.headers["content-type"]).toBe(vector.expect_content_type);
        if (response.statusCode === 200) {
          const checkpoint = vector.request_body!.slice(vector.request_body!.indexOf("\n\n") + 2);
          const cosigned = `${splitNote(checkpoint).text}\n${response.body}`;
          const opened = openNote(cosigned, [cosignatureVerifierFromVkey(cosigner.vkey)]);
          expect(opened.verified).toHaveLength(1);
        }
      });
    }

    it("keeps the latest size: after cosigning 8, a request from old 5 gets 409 with 8", async () => {
      const server = await witnessAt(5);
      const happy = vectors.add_checkpoint_cases[0]!.request_body!;
      expect(
        (await server.inject({ method: "POST", url: "/add-checkpoint", payload: happy })).statusCode,
      ).toBe(200);
      const again = await server.inject({ method: "POST", url: "/add-checkpoint", payload: happy });
      expect(again.statusCode).toBe(409);
      expect(again.body).toBe("8\n");
    });

    it("answers a log it does not follow with 404", async () => {
      const server = await witnessAt(undefined);
      const note = extra.unknown_origin_checkpoint.checkpoint;
      const response = await server.inject({
        method: "POST",
        url: "/add-checkpoint",
        payload: `old 0\n\n${note}`,
      });
      expect(response.statusCode).toBe(404);
    });

    it.each([
      ["an empty body", ""],
      ["binary garbage", Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x0a])],
      ["no blank line", "old 0\nmonkeys\n"],
      ["a negative old size", `old -1\n\n${vectors.checkpoint_size5}`],
    ])("answers %s with 400, never a crash", async (_name, payload) => {
      const server = await witnessAt(undefined);
      const response = await server.inject({ method: "POST", url: "/add-checkpoint", payload });
      expect(response.statusCode).toBe(400);
    });

    it("refuses a checkpoint signed by an untrusted key with 403", async () => {
      const server = await witnessAt(undefined);
      const forged = vectors.checkpoint_size5.replace(/— monkeys .*\n$/, "— monkeys AAAAAAAA\n");
      const response = await server.inject({
        method: "POST",
        url: "/add-checkpoint",
        payload: `old 0\n\n${forged}`,
      });
      expect(response.statusCode).toBe(403);
    });
  });
}
