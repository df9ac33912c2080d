/** witness-add-checkpoint.json and derived/witness-extra.json: cosignature/v1 and the add-checkpoint decision. */
import { describe, expect, it } from "vitest";
import { openCheckpoint, parseCheckpoint } from "../../src/core/log/checkpoint.ts";
import {
  cosignatureMessage,
  cosignatureTimestamp,
  cosignatureVerifierFromVkey,
  cosignerFromSkey,
} from "../../src/core/log/cosignature.ts";
import { LogError } from "../../src/core/log/log-error.ts";
import { verifyConsistency } from "../../src/core/log/merkle.ts";
import { openNote, splitNote, verifierFromVkey } from "../../src/core/log/note.ts";
import {
  handleAddCheckpoint,
  TLOG_SIZE_CONTENT_TYPE,
  type WitnessState,
} from "../../src/core/log/witness.ts";
import { b64, hex, readVectorJson } from "./vectors.ts";

interface WitnessVectors {
  log: { origin: string; vkey: string; skey: string };
  other_log: { origin: string; vkey: string; skey: string };
  witness: { name: string; vkey_ed25519: string; skey: string };
  checkpoint_size5: string;
  checkpoint_size8: string;
  root_size5_hex: string;
  root_size8_hex: string;
  consistency_proof_5_to_8_hex: string[];
  consistency_proof_5_to_8_b64: string[];
  add_checkpoint_cases: {
    desc: string;
    witness_state_size?: number;
    request_body?: string;
    expect_status: number;
    also_acceptable_status?: number[];
    expect_body?: string;
    expect_content_type?: string;
  }[];
}
interface WitnessExtra {
  cosignature_v1: {
    witness_skey: string;
    witness_vkey_ed25519_type01: string;
    witness_vkey_cosignature_type04: string;
    timestamp: number;
    signed_message: string;
    cosigned_checkpoint: string;
    signature_blob_hex: string;
  };
  unknown_origin_checkpoint: {
    vkey: string;
    checkpoint: string;
    add_checkpoint_request_body: string;
    expect_status: number;
  };
}

const w = readVectorJson<WitnessVectors>("witness-add-checkpoint.json");
const extra = readVectorJson<WitnessExtra>("derived/witness-extra.json");
const logVerifier = verifierFromVkey(w.log.vkey);
const cosigner = cosignerFromSkey(w.witness.skey);
const statesBySize: Record<number, WitnessState> = {
  5: { size: 5, rootHash: hex(w.root_size5_hex) },
  8: { size: 8, rootHash: hex(w.root_size8_hex) },
};

function decide(body: string, stateSize: number | undefined) {
  return handleAddCheckpoint(body, {
    logs: (origin) => (origin === w.log.origin ? [logVerifier] : undefined),
    state: () => (stateSize === undefined || stateSize === 0 ? undefined : statesBySize[stateSize]),
    cosigners: [cosigner],
    timestamp: 1_700_000_000,
  });
}

describe("witness-add-checkpoint.json", () => {
  it("the real checkpoints verify and the 5→8 proof is consistent", () => {
    const five = openCheckpoint(w.checkpoint_size5, [logVerifier], "monkeys").checkpoint;
    const eight = openCheckpoint(w.checkpoint_size8, [logVerifier], "monkeys").checkpoint;
    expect(five.rootHash).toEqual(hex(w.root_size5_hex));
    expect(eight.rootHash).toEqual(hex(w.root_size8_hex));
    expect(w.consistency_proof_5_to_8_b64.map(b64)).toEqual(w.consistency_proof_5_to_8_hex.map(hex));
    verifyConsistency(5, 8, w.consistency_proof_5_to_8_hex.map(hex), five.rootHash, eight.rootHash);
  });

  it("has 7 cases, 6 with a request body", () => {
    expect(w.add_checkpoint_cases).toHaveLength(7);
    expect(w.add_checkpoint_cases.filter((c) => c.request_body !== undefined)).toHaveLength(6);
  });

  it.each(w.add_checkpoint_cases.filter((c) => c.request_body !== undefined))(
    "$desc → $expect_status",
    (vector) => {
      const decision = decide(vector.request_body!, vector.witness_state_size);
      expect([vector.expect_status, ...(vector.also_acceptable_status ?? [])]).toContain(decision.status);
      expect(decision.status).toBe(vector.expect_status);
      if (decision.kind === "rejected") {
        if (vector.expect_body !== undefined) expect(decision.body).toBe(vector.expect_body);
        if (vector.expect_content_type !== undefined)
          expect(decision.contentType).toBe(vector.expect_content_type);
        return;
      }
      // 200: the body is our cosignature line, and the cosigned note verifies with the log AND the witness.
      const checkpointNote = vector.request_body!.slice(vector.request_body!.indexOf("\n\n") + 2);
      const cosigned = checkpointNote + decision.body;
      const opened = openNote(cosigned, [logVerifier, cosignatureVerifierFromVkey(cosigner.vkey)]);
      expect(opened.verified.map((s) => s.name)).toEqual(["monkeys", "witness"]);
      expect(cosignatureTimestamp(opened.verified[1]!)).toBe(1_700_000_000);
      expect(decision.newState.size).toBe(parseCheckpoint(splitNote(checkpointNote).text).size);
    },
  );

  it("unknown origin (derived bananas checkpoint) → 404", () => {
    const decision = decide(extra.unknown_origin_checkpoint.add_checkpoint_request_body, undefined);
    expect(decision.status).toBe(extra.unknown_origin_checkpoint.expect_status);
    openNote(extra.unknown_origin_checkpoint.checkpoint, [
      verifierFromVkey(extra.unknown_origin_checkpoint.vkey),
    ]);
  });

  it("a checkpoint signed by an untrusted key for a configured origin → 403", () => {
    const foreign = extra.unknown_origin_checkpoint.checkpoint.replace("bananas\n", "monkeys\n");
    expect(decide(`old 0\n\n${foreign}`, undefined).status).toBe(403);
  });

  it("a tampered signature by the trusted key → 403", () => {
    const tampered = w.checkpoint_size5.replace("202fftzGl3", "202fftzGl4");
    expect(tampered).not.toBe(w.checkpoint_size5);
    expect(decide(`old 0\n\n${tampered}`, undefined).status).toBe(403);
  });

  it("old 0 with an empty proof is accepted by a fresh witness; old 5 against a fresh witness → 409 '0\\n'", () => {
    expect(decide(`old 0\n\n${w.checkpoint_size5}`, undefined).status).toBe(200);
    const conflict = decide(`old 5\n\n${w.checkpoint_size8}`, undefined);
    expect(conflict).toMatchObject({ status: 409, body: "0\n", contentType: TLOG_SIZE_CONTENT_TYPE });
  });

  it("same size with a different root → 422", () => {
    const decision = handleAddCheckpoint(`old 5\n\n${w.checkpoint_size5}`, {
      logs: () => [logVerifier],
      state: () => ({ size: 5, rootHash: hex(w.root_size8_hex) }),
      cosigners: [cosigner],
      timestamp: 1,
    });
    expect(decision.status).toBe(422);
  });

  it.each([
    ["no old line", w.checkpoint_size5],
    ["old with leading zero", `old 05\n\n${w.checkpoint_size5}`],
    ["proof line not base64", `old 5\nnot base64!\n\n${w.checkpoint_size8}`],
    [
      "64 proof lines",
      `old 5\n${`${w.consistency_proof_5_to_8_b64[0]}\n`.repeat(64)}\n${w.checkpoint_size8}`,
    ],
    [
      "checkpoint text malformed",
      "old 0\n\nmonkeys\nnot-a-size\nV8K9aklZ4EPB+RMOk1/8VsJUdFZR77GDtZUQq84vSbo=\n\n— monkeys AAAAAAA=\n",
    ],
    ["no blank line", "old 0\n"],
  ])("malformed body (%s) → 400", (_why, body) => {
    expect(decide(body, 5).status).toBe(400);
  });
});

describe("derived/witness-extra.json: cosignature/v1", () => {
  const v = extra.cosignature_v1;

  it("the cosigner derived from the Ed25519 skey has the documented type-0x04 vkey", () => {
    expect(cosignerFromSkey(v.witness_skey).vkey).toBe(v.witness_vkey_cosignature_type04);
  });

  it("the signed message is byte-identical", () => {
    const text = splitNote(v.cosigned_checkpoint).text;
    expect(new TextDecoder().decode(cosignatureMessage(text, v.timestamp))).toBe(v.signed_message);
  });

  it("cosigning at the fixed timestamp reproduces the signature blob and line (Ed25519 is deterministic)", () => {
    const text = splitNote(v.cosigned_checkpoint).text;
    const line = cosignerFromSkey(v.witness_skey).cosign(text, v.timestamp);
    expect(Buffer.from(line.slice("— witness ".length, -1), "base64").toString("hex")).toBe(
      v.signature_blob_hex,
    );
    expect(v.cosigned_checkpoint.endsWith(line)).toBe(true);
  });

  it("the cosigned note verifies with the log key and with the 0x04 key, and with the 0x01 key reused for 0x04", () => {
    for (const vkey of [v.witness_vkey_cosignature_type04, v.witness_vkey_ed25519_type01]) {
      const opened = openNote(v.cosigned_checkpoint, [logVerifier, cosignatureVerifierFromVkey(vkey)]);
      expect(opened.verified.map((s) => s.name)).toEqual(["monkeys", "witness"]);
      expect(cosignatureTimestamp(opened.verified[1]!)).toBe(v.timestamp);
    }
  });

  it("the witness line is not a plain Ed25519 (type 0x01) signature", () => {
    const opened = openNote(v.cosigned_checkpoint, [
      logVerifier,
      verifierFromVkey(v.witness_vkey_ed25519_type01),
    ]);
    expect(opened.verified.map((s) => s.name)).toEqual(["monkeys"]);
    expect(opened.unverified.map((s) => s.name)).toEqual(["witness"]);
    expect(() => openNote(v.cosigned_checkpoint, [verifierFromVkey(v.witness_vkey_ed25519_type01)])).toThrow(
      expect.objectContaining({ code: "UNKNOWN_KEY" }),
    );
  });

  it("a cosignature over a changed timestamp does not verify", () => {
    const blob = Buffer.from(v.signature_blob_hex, "hex");
    blob[11]! ^= 1; // last byte of the timestamp
    const line = `— witness ${blob.toString("base64")}\n`;
    const note = v.cosigned_checkpoint.replace(/— witness .*\n$/, line);
    expect(() => openNote(note, [cosignatureVerifierFromVkey(v.witness_vkey_cosignature_type04)])).toThrow(
      LogError,
    );
  });
});
