/** signed-notes.json, c2sp-format-examples.json and tiny-logs.json: notes, keys, checkpoints. */
import { describe, expect, it } from "vitest";
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from "../../src/core/log/checkpoint.ts";
import {
  cosignatureMessage,
  cosignatureVerifierFromVkey,
  parseCosignature,
} from "../../src/core/log/cosignature.ts";
import { LogError, type LogErrorCode } from "../../src/core/log/log-error.ts";
import { hashLeaf, rootFromLeafHashes } from "../../src/core/log/merkle.ts";
import {
  generateEd25519Keys,
  openNote,
  signerFromSkey,
  signNote,
  splitNote,
  verifierFromVkey,
  vkeyFromSkey,
} from "../../src/core/log/note.ts";
import { parseProofFile } from "../../src/core/log/proof-file.ts";
import { parseAddCheckpointRequest } from "../../src/core/log/witness.ts";
import { ascii, b64, hex, readVectorJson } from "./vectors.ts";

interface SignedNotes {
  valid: {
    id: string;
    skey?: string;
    vkeys: string[];
    note: string;
    expect: {
      verified_by: string[];
      unverified?: string[];
      text?: string;
      checkpoint?: { origin: string; size: number; root_hash_b64: string };
    };
  }[];
  invalid_notes: { desc: string; msg?: string; msg_hex?: string; vkeys: string[]; expect: string }[];
  invalid_vkeys: { vkey: string; why: string }[];
  key_pairs: { name: string; skey: string; vkey: string }[];
}

const notes = readVectorJson<SignedNotes>("signed-notes.json");

function codeOf(run: () => unknown): LogErrorCode | "none" | "other" {
  try {
    run();
    return "none";
  } catch (error) {
    return error instanceof LogError ? error.code : "other";
  }
}

describe("signed-notes.json", () => {
  it("has the expected sections", () => {
    expect(notes.valid).toHaveLength(6);
    expect(notes.invalid_notes).toHaveLength(9);
    expect(notes.invalid_vkeys).toHaveLength(3);
    expect(notes.key_pairs).toHaveLength(5);
  });

  it.each(notes.valid.map((v) => [v.id, v] as const))("valid note %s verifies", (_id, vector) => {
    const opened = openNote(vector.note, vector.vkeys.map(verifierFromVkey));
    expect(opened.verified.map((s) => s.name)).toEqual(vector.expect.verified_by);
    if (vector.expect.unverified)
      expect(opened.unverified.map((s) => s.name)).toEqual(vector.expect.unverified);
    if (vector.expect.text) expect(opened.text).toBe(vector.expect.text);
    if (vector.skey) expect(signNote(opened.text, [signerFromSkey(vector.skey)])).toBe(vector.note);
    if (vector.expect.checkpoint) {
      const checkpoint = parseCheckpoint(opened.text);
      expect(checkpoint.origin).toBe(vector.expect.checkpoint.origin);
      expect(checkpoint.size).toBe(vector.expect.checkpoint.size);
      expect(checkpoint.rootHash).toEqual(b64(vector.expect.checkpoint.root_hash_b64));
      expect(formatCheckpoint(checkpoint)).toBe(opened.text);
    }
  });

  it("the real sum.golang.org tree head verifies with the published key", () => {
    const vector = notes.valid.find((v) => v.id === "sum.golang.org-real-checkpoint")!;
    const { checkpoint } = openCheckpoint(
      vector.note,
      [verifierFromVkey("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8")],
      "go.sum database tree",
    );
    expect(checkpoint.size).toBe(6476701);
    // One changed digit in the signed size breaks the signature.
    const forged = vector.note.replace("6476701", "6476702");
    expect(codeOf(() => openNote(forged, [verifierFromVkey(vector.vkeys[0]!)]))).toBe("BAD_SIGNATURE");
  });

  it.each(notes.invalid_notes.map((v) => [v.desc, v] as const))(
    "invalid note rejected: %s",
    (_desc, vector) => {
      const message = vector.msg_hex !== undefined ? hex(vector.msg_hex) : vector.msg!;
      const want: LogErrorCode = vector.expect.startsWith("reject: malformed")
        ? "MALFORMED_NOTE"
        : vector.expect.includes("invalid signature")
          ? "BAD_SIGNATURE"
          : "UNKNOWN_KEY";
      expect(codeOf(() => openNote(message, vector.vkeys.map(verifierFromVkey)))).toBe(want);
    },
  );

  it.each(notes.invalid_vkeys.map((v) => [v.why, v.vkey] as const))(
    "invalid vkey rejected: %s",
    (_why, vkey) => {
      expect(codeOf(() => verifierFromVkey(vkey))).toBe("MALFORMED_KEY");
    },
  );

  it.each(notes.key_pairs.map((k) => [k.name, k] as const))(
    "key pair %s: skey and vkey belong together",
    (_n, pair) => {
      expect(vkeyFromSkey(pair.skey)).toBe(pair.vkey);
      const signer = signerFromSkey(pair.skey);
      expect(signer.name).toBe(pair.name);
      const note = signNote("hello\n", [signer]);
      expect(openNote(note, [verifierFromVkey(pair.vkey)]).verified.map((s) => s.name)).toEqual([pair.name]);
    },
  );

  it("generated keys round-trip, and a fixed seed gives fixed keys", () => {
    const seed = new Uint8Array(32).fill(7);
    const a = generateEd25519Keys("example.com/log", seed);
    expect(generateEd25519Keys("example.com/log", seed)).toEqual(a);
    expect(vkeyFromSkey(a.skey)).toBe(a.vkey);
    expect(a.skey.startsWith("PRIVATE+KEY+example.com/log+")).toBe(true);
    const other = generateEd25519Keys("example.com/log");
    expect(other.vkey).not.toBe(a.vkey);
  });
});

describe("c2sp-format-examples.json (format only: no public keys exist)", () => {
  const examples = readVectorJson<Record<string, unknown>>("c2sp-format-examples.json") as {
    checkpoint_example: string;
    checkpoint_example_parsed: {
      origin: string;
      size: number;
      root_hash_b64: string;
      signature_key_id_hex: string;
    };
    cosigned_checkpoint_example: string;
    cosignature_v1_signed_message_example: string;
    cosignature_example_parsed: {
      key_name: string;
      key_id_hex: string;
      timestamp: number;
      sig_len_bytes: number;
    };
    witness_add_checkpoint_request_example: string;
    witness_add_checkpoint_response_example: string;
    tlog_proof_example: string;
    signed_note_intro_example: string;
  };

  it("checkpoint example parses, and formats back byte for byte", () => {
    const { text, signatures } = splitNote(examples.checkpoint_example);
    const checkpoint = parseCheckpoint(text);
    const want = examples.checkpoint_example_parsed;
    expect(checkpoint).toEqual({
      origin: want.origin,
      size: want.size,
      rootHash: b64(want.root_hash_b64),
      extensions: [],
    });
    expect(formatCheckpoint(checkpoint)).toBe(text);
    expect(Buffer.from(signatures[0]!.keyId).toString("hex")).toBe(want.signature_key_id_hex);
    expect(codeOf(() => openNote(examples.checkpoint_example, []))).toBe("UNKNOWN_KEY");
  });

  it("cosigned checkpoint: the witness line parses as a 76-byte cosignature/v1 at the documented time", () => {
    const { text, signatures } = splitNote(examples.cosigned_checkpoint_example);
    const want = examples.cosignature_example_parsed;
    const line = signatures.find((s) => s.name === want.key_name)!;
    expect(Buffer.from(line.keyId).toString("hex")).toBe(want.key_id_hex);
    expect(4 + line.signature.length).toBe(want.sig_len_bytes);
    const { timestamp } = parseCosignature(line.signature);
    expect(timestamp).toBe(want.timestamp);
    expect(new TextDecoder().decode(cosignatureMessage(text, timestamp))).toBe(
      examples.cosignature_v1_signed_message_example,
    );
  });

  it("witness request example parses: old size, 4 proof hashes, checkpoint with two signatures", () => {
    const request = parseAddCheckpointRequest(examples.witness_add_checkpoint_request_example);
    expect(request.oldSize).toBe(20852014);
    expect(request.consistencyProof).toHaveLength(4);
    expect(request.consistencyProof.every((h) => h.length === 32)).toBe(true);
    expect(request.checkpoint.size).toBe(20852163);
    expect(splitNote(request.checkpointNote).signatures).toHaveLength(2);
  });

  it("witness response example is a block of three cosignature lines", () => {
    const lines = examples.witness_add_checkpoint_response_example.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(3);
    const { signatures } = splitNote(`x\n\n${examples.witness_add_checkpoint_response_example}`);
    expect(signatures.map((s) => s.name)).toEqual([
      "witness.example/w1",
      "witness.example/w1",
      "witness.example/w2",
    ]);
    expect(signatures.every((s) => s.signature.length === 72)).toBe(true);
  });

  it("tlog-proof example parses (its elided signatures are not checked here)", () => {
    const file = parseProofFile(examples.tlog_proof_example);
    expect(file.index).toBe(73894);
    expect(file.inclusionProof).toHaveLength(5);
    expect(file.extra).toBeDefined();
    expect(file.checkpointNote.startsWith("example.com/fancylog\n109482\n")).toBe(true);
    // The spec's "[...]" elision is not base64, so opening the note fails with a typed error.
    expect(codeOf(() => splitNote(file.checkpointNote))).toBe("MALFORMED_NOTE");
  });

  it("signed-note intro example: the text may contain blank lines; split at the last one", () => {
    const { text, signatures } = splitNote(examples.signed_note_intro_example);
    expect(text).toBe(
      "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n",
    );
    expect(signatures.map((s) => s.name)).toEqual(["quasimodo.example/salvatore"]);
  });
});

describe("tiny-logs.json: two independent 15-leaf logs", () => {
  const tiny = readVectorJson<{
    leaves_ascii: string[];
    logs: {
      id: string;
      origin: string;
      vkey: string;
      skey: string;
      checkpoints_by_size: Record<string, string>;
    }[];
    root_hash_b64_by_size: string[];
  }>("tiny-logs.json");
  const leafHashes = tiny.leaves_ascii.map((word) => hashLeaf(ascii(word)));

  it("has 15 leaves and two logs", () => {
    expect(leafHashes).toHaveLength(15);
    expect(tiny.logs.map((l) => l.id)).toEqual(["tessera-testdata", "serverless-log-testdata"]);
  });

  it.each(tiny.logs.map((l) => [l.id, l] as const))(
    "%s: every checkpoint 0..15 verifies, has the right origin, and its root is the MTH of the leaves",
    (_id, log) => {
      const verifier = verifierFromVkey(log.vkey);
      const signer = signerFromSkey(log.skey);
      const sizes = Object.keys(log.checkpoints_by_size);
      expect(sizes).toHaveLength(16);
      for (const sizeText of sizes) {
        const note = log.checkpoints_by_size[sizeText]!;
        const { checkpoint, note: opened } = openCheckpoint(note, [verifier], log.origin);
        expect(checkpoint.size).toBe(Number(sizeText));
        expect(checkpoint.rootHash).toEqual(rootFromLeafHashes(leafHashes.slice(0, checkpoint.size)));
        expect(Buffer.from(checkpoint.rootHash).toString("base64")).toBe(
          tiny.root_hash_b64_by_size[checkpoint.size],
        );
        // Ed25519 is deterministic: re-signing reproduces the published checkpoint.
        expect(signNote(opened.text, [signer])).toBe(note);
      }
    },
  );

  it("a checkpoint from the other log is refused (key) and a wrong origin is refused", () => {
    const [tessera, serverless] = tiny.logs as [(typeof tiny.logs)[0], (typeof tiny.logs)[0]];
    expect(
      codeOf(() => openCheckpoint(serverless.checkpoints_by_size["3"]!, [verifierFromVkey(tessera.vkey)])),
    ).toBe("UNKNOWN_KEY");
    expect(
      codeOf(() =>
        openCheckpoint(
          tessera.checkpoints_by_size["3"]!,
          [verifierFromVkey(tessera.vkey)],
          serverless.origin,
        ),
      ),
    ).toBe("CHECKPOINT_ORIGIN_MISMATCH");
  });

  it("a cosignature verifier does not accept a plain Ed25519 log signature", () => {
    const log = tiny.logs[0]!;
    const cosignatureVerifier = cosignatureVerifierFromVkey(log.vkey);
    expect(codeOf(() => openNote(log.checkpoints_by_size["5"]!, [cosignatureVerifier]))).toBe("UNKNOWN_KEY");
  });
});
