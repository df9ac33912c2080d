/**
 * The console's in-browser log verifier (web/src/log/, WebCrypto) checked against the server's core
 * (src/core/log/, node:crypto) in Node, which has the same WebCrypto: the same roots, proofs that the
 * core accepts and rejects alike, tiles read the same way, and signatures verified from vkeys.
 */
import { describe, expect, it } from "vitest";
import { cosignerFromSkey } from "../../src/core/log/cosignature.ts";
import {
  hashLeaf as coreHashLeaf,
  proveConsistency as coreProveConsistency,
  proveInclusion as coreProveInclusion,
  rootAt as coreRootAt,
  MemoryTree,
} from "../../src/core/log/merkle.ts";
import { generateEd25519Keys, signerFromSkey, signNote } from "../../src/core/log/note.ts";
import {
  encodeEntryBundle,
  entryBundlePath,
  tileHashes,
  tilePath,
  tileWidthAt,
} from "../../src/core/log/tiles.ts";
import { formatNoticeCode } from "../../src/core/notices/notice-code.ts";
import { commitToRequest as coreCommitToRequest } from "../../src/core/records/public-record.ts";
import { LogVerifyError } from "../../web/src/log/log-verify-error.ts";
import {
  hashLeaf,
  proveInclusion,
  rootAt,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from "../../web/src/log/merkle.ts";
import { checkSignature, parseSignedCheckpoint, parseVerifierKey } from "../../web/src/log/note.ts";
import { fetchEntry, tileHashReader } from "../../web/src/log/tiles.ts";
import { commitToRequest } from "../../web/src/notice/check-notice.ts";
import { parseNoticeCode } from "../../web/src/notice/notice-code.ts";

const entry = (i: number) => new TextEncoder().encode(`entry ${i}`);

function treeOf(size: number): MemoryTree {
  const tree = new MemoryTree();
  for (let i = 0; i < size; i++) tree.append(coreHashLeaf(entry(i)));
  return tree;
}

/** The core's tree as the browser sees it: hashes read through served tiles, entries through bundles. */
function servedTiles(size: number) {
  const tree = treeOf(size);
  const files = new Map<string, Uint8Array>();
  for (let level = 0; 256 ** level <= size; level++)
    for (let index = 0; tileWidthAt(level, index, size) > 0; index++) {
      const width = tileWidthAt(level, index, size);
      files.set(tilePath(level, index, width), tileHashes(level, index, width, tree));
    }
  for (let index = 0; tileWidthAt(0, index, size) > 0; index++) {
    const width = tileWidthAt(0, index, size);
    const entries = Array.from({ length: width }, (_, i) => entry(index * 256 + i));
    files.set(entryBundlePath(index, width), encodeEntryBundle(entries));
  }
  return { tree, fetchTile: async (path: string) => files.get(path) };
}

describe("the browser's Merkle verifier agrees with the core", () => {
  const sizes = [1, 2, 3, 5, 7, 8, 9, 31, 64, 100, 255, 256, 257, 300, 513, 1000];

  it.each(sizes)("computes the same root from tiles for a tree of %i", async (size) => {
    const { tree, fetchTile } = servedTiles(size);
    expect(await rootAt(size, tileHashReader(fetchTile, size))).toEqual(coreRootAt(size, tree));
  });

  it.each(sizes)(
    "builds the core's inclusion proofs from tiles, and they verify, for size %i",
    async (size) => {
      const { tree, fetchTile } = servedTiles(size);
      const reader = tileHashReader(fetchTile, size);
      const root = coreRootAt(size, tree);
      for (const index of new Set(
        [0, 1, Math.floor(size / 2), size - 2, size - 1].filter((i) => i >= 0 && i < size),
      )) {
        const proof = await proveInclusion(index, size, reader);
        expect(proof).toEqual(coreProveInclusion(index, size, tree));
        const leaf = await hashLeaf(await fetchEntry(fetchTile, index, size));
        expect(leaf).toEqual(coreHashLeaf(entry(index)));
        expect(await verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        expect(await verifyInclusion(index, size, await hashLeaf(entry(index + 1)), proof, root)).toBe(false);
      }
    },
  );

  it("rejects an inclusion proof with a hash altered, missing or added", async () => {
    const tree = treeOf(300);
    const proof = coreProveInclusion(123, 300, tree);
    const root = coreRootAt(300, tree);
    const leaf = coreHashLeaf(entry(123));
    const altered = proof.map((h, i) => (i === 2 ? h.map((b, j) => (j === 0 ? b ^ 1 : b)) : h));
    expect(await verifyInclusion(123, 300, leaf, altered, root)).toBe(false);
    expect(await rootFromInclusionProof(123, 300, leaf, proof.slice(1))).toBeUndefined();
    expect(await rootFromInclusionProof(123, 300, leaf, [...proof, root])).toBeUndefined();
    expect(await verifyInclusion(300, 300, leaf, proof, root)).toBe(false);
  });

  it("accepts the core's consistency proofs and rejects them against a wrong root", async () => {
    const tree = treeOf(600);
    for (const [m, n] of [
      [1, 2],
      [1, 600],
      [3, 7],
      [4, 8],
      [8, 600],
      [100, 300],
      [256, 257],
      [257, 600],
      [599, 600],
      [600, 600],
    ] as const) {
      const proof = coreProveConsistency(m, n, tree);
      const oldRoot = coreRootAt(m, tree);
      const newRoot = coreRootAt(n, tree);
      expect(await verifyConsistency(m, n, oldRoot, newRoot, proof), `${m} → ${n}`).toBe(true);
      expect(
        await verifyConsistency(
          m,
          n,
          newRoot.map((b) => b ^ 0xff),
          newRoot,
          proof,
        ),
      ).toBe(false);
      if (proof.length > 0)
        expect(await verifyConsistency(m, n, oldRoot, newRoot, proof.slice(1))).toBe(false);
    }
  });

  it("refuses to prove an entry beyond the tree", async () => {
    const { fetchTile } = servedTiles(10);
    await expect(fetchEntry(fetchTile, 10, 10)).rejects.toMatchObject({ code: "INDEX_OUT_OF_RANGE" });
    expect(() => proveInclusion(10, 10, tileHashReader(fetchTile, 10))).toThrow(LogVerifyError);
  });

  it("reports a tile of the wrong length as MALFORMED_TILE", async () => {
    const reader = tileHashReader(async () => new Uint8Array(31), 10);
    await expect(reader.nodeHash(0, 3)).rejects.toMatchObject({ code: "MALFORMED_TILE" });
  });
});

describe("the browser's checkpoint reader", () => {
  const logKeys = Array.from({ length: 12 }, (_, i) => generateEd25519Keys(`log${i}.example/log`));

  it("verifies the log's signature and a witness's cosignature from their vkeys (whatever base64 they hold)", async () => {
    for (const keys of logKeys) {
      const witness = cosignerFromSkey(generateEd25519Keys("witness.example/w").skey);
      const text = `${keys.vkey.split("+")[0]}\n300\n${btoa("r".repeat(32))}\n`;
      const note = `${signNote(text, [signerFromSkey(keys.skey)])}${witness.cosign(text, 1_795_000_000)}`;
      const signed = parseSignedCheckpoint(note);
      expect(signed.checkpoint.size).toBe(300);
      expect(signed.signatures[1]?.timestamp).toBe(1_795_000_000);
      const vkeys = await Promise.all([keys.vkey, witness.vkey].map(parseVerifierKey));
      expect(await Promise.all(signed.signatures.map((s) => checkSignature(signed.text, s, vkeys)))).toEqual([
        "verified",
        "verified",
      ]);
      const forged = parseSignedCheckpoint(note.replace("\n300\n", "\n301\n"));
      expect(await Promise.all(forged.signatures.map((s) => checkSignature(forged.text, s, vkeys)))).toEqual([
        "invalid",
        "invalid",
      ]);
      expect(await checkSignature(signed.text, signed.signatures[0]!, [])).toBe("no-key");
    }
  });

  it.each([
    ["no blank line", "origin\n3\nAAAA\n— origin AAAA\n"],
    ["a size that is not decimal", `origin\n03\n${btoa("r".repeat(32))}\n\n— origin AAAAAAAA\n`],
    ["a short root hash", `origin\n3\n${btoa("r".repeat(31))}\n\n— origin AAAAAAAA\n`],
    ["a signature line without the em dash", `origin\n3\n${btoa("r".repeat(32))}\n\n- origin AAAAAAAA\n`],
  ])("refuses a checkpoint with %s as MALFORMED_CHECKPOINT", (_name, note) => {
    expect(() => parseSignedCheckpoint(note)).toThrow(
      expect.objectContaining({ code: "MALFORMED_CHECKPOINT" }) as unknown as Error,
    );
  });

  it.each([
    ["two parts", "name+0011aabb"],
    ["a wrong key ID", "log.example/log+00000000+ASBb2XubXZ9IePHHOaUKJYm7zE3W/OWlIECAQfHtLly1"],
    ["a short key", "log.example/log+00000000+AQID"],
  ])("refuses a verifier key with %s as MALFORMED_KEY", async (_name, vkey) => {
    await expect(parseVerifierKey(vkey)).rejects.toMatchObject({ code: "MALFORMED_KEY" });
  });
});

describe("the browser's notice code reader", () => {
  const salt = Uint8Array.from({ length: 24 }, (_, i) => 255 - i * 3);

  it.each(["evt-000000", "case-01HZX/received", "é-ünïcode-id"])(
    "reads the core's code for event %s, salt included",
    async (eventId) => {
      expect(await parseNoticeCode(`  ${formatNoticeCode({ eventId, salt })}\n`)).toEqual({ eventId, salt });
    },
  );

  it("recomputes the core's commitment of a request", async () => {
    const request = { b: [1, 2.5, "x"], a: { z: null, é: true } };
    expect(await commitToRequest(salt, request)).toBe(coreCommitToRequest(salt, request));
  });

  it.each([
    [
      "a changed character",
      (code: string) => `${code.slice(0, 8)}${code[8] === "A" ? "B" : "A"}${code.slice(9)}`,
      "NOTICE_CODE_CHECKSUM",
    ],
    ["another version", (code: string) => code.replace("LSN1", "LSN2"), "NOTICE_CODE_UNSUPPORTED"],
    ["a missing part", (code: string) => code.split(".").slice(0, 3).join("."), "NOTICE_CODE_MALFORMED"],
    ["no prefix", () => "hello", "NOTICE_CODE_MALFORMED"],
  ])("refuses a code with %s", async (_name, alter, code) => {
    const valid = formatNoticeCode({ eventId: "evt-000042", salt });
    await expect(parseNoticeCode(alter(valid))).rejects.toMatchObject({ code });
  });
});
