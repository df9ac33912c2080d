/**
 * Every parser of untrusted input either parses or throws a LogError with a code: random
 * strings and bytes, and single mutations of valid inputs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from "./checkpoint.ts";
import { cosignatureVerifierFromVkey, cosignerFromSkey, parseCosignature } from "./cosignature.ts";
import { LOG_ERROR_CODES, LogError } from "./log-error.ts";
import { hashLeaf, MemoryTree, proveInclusion, rootAt } from "./merkle.ts";
import { generateEd25519Keys, openNote, signerFromSkey, splitNote, verifierFromVkey } from "./note.ts";
import { formatProofFile, parseProofFile, verifyProofFile } from "./proof-file.ts";
import { decodeEntryBundle, hashReaderFromTiles, parseTilePath } from "./tiles.ts";
import { handleAddCheckpoint, parseAddCheckpointRequest } from "./witness.ts";

const keys = generateEd25519Keys("example.com/log", new Uint8Array(32).fill(1));
const witnessKeys = generateEd25519Keys("witness.example/w1", new Uint8Array(32).fill(2));
const signer = signerFromSkey(keys.skey);
const verifier = verifierFromVkey(keys.vkey);
const cosigner = cosignerFromSkey(witnessKeys.skey);
const tree = new MemoryTree();
for (let i = 0; i < 20; i++) tree.append(hashLeaf(new Uint8Array([i])));
const checkpoint = { origin: "example.com/log", size: 20, rootHash: rootAt(20, tree), extensions: [] };
const note = signCheckpoint(checkpoint, [signer]);
const cosigned = note + cosigner.cosign(formatCheckpoint(checkpoint), 1_800_000_000);
const proofFile = formatProofFile({
  index: 7,
  inclusionProof: proveInclusion(7, 20, tree),
  checkpointNote: cosigned,
});
const witnessBody = `old 0\n\n${note}`;

/** Runs a parser; passes if it returns or throws a LogError with a known code. */
function parsesOrThrowsLogError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof LogError))
      throw new Error(`non-LogError thrown: ${String(error)}`, { cause: error });
    expect(LOG_ERROR_CODES).toContain(error.code);
  }
}

const parsers: Record<string, (input: string) => unknown> = {
  openNote: (s) => openNote(s, [verifier, cosignatureVerifierFromVkey(cosigner.vkey)]),
  splitNote: (s) => splitNote(s),
  parseCheckpoint: (s) => parseCheckpoint(s),
  openCheckpoint: (s) => openCheckpoint(s, [verifier], "example.com/log"),
  verifierFromVkey: (s) => verifierFromVkey(s),
  cosignatureVerifierFromVkey: (s) => cosignatureVerifierFromVkey(s),
  signerFromSkey: (s) => signerFromSkey(s),
  parseTilePath: (s) => parseTilePath(s),
  parseProofFile: (s) => parseProofFile(s),
  verifyProofFile: (s) =>
    verifyProofFile(parseProofFile(s), tree.nodeHash(0, 7), {
      origin: "example.com/log",
      verifiers: [verifier],
    }),
  parseAddCheckpointRequest: (s) => parseAddCheckpointRequest(s),
};

const seeds: Record<string, string> = {
  openNote: cosigned,
  splitNote: cosigned,
  parseCheckpoint: formatCheckpoint(checkpoint),
  openCheckpoint: note,
  verifierFromVkey: keys.vkey,
  cosignatureVerifierFromVkey: cosigner.vkey,
  signerFromSkey: keys.skey,
  parseTilePath: "tile/1/x001/x234/067.p/89",
  parseProofFile: proofFile,
  verifyProofFile: proofFile,
  parseAddCheckpointRequest: witnessBody,
};

/** A valid input with one random edit: delete, insert or replace a character. */
const mutated = (seed: string) =>
  fc
    .tuple(
      fc.nat({ max: seed.length }),
      fc.constantFrom("delete", "insert", "replace"),
      fc.string({ minLength: 1, maxLength: 2, unit: "binary" }),
    )
    .map(([at, op, text]) => {
      if (op === "delete") return seed.slice(0, at) + seed.slice(at + 1);
      if (op === "insert") return seed.slice(0, at) + text + seed.slice(at);
      return seed.slice(0, at) + text + seed.slice(at + text.length);
    });

describe("parsers of untrusted input never throw anything but LogError", () => {
  it("the seeds are valid", () => {
    for (const [name, parse] of Object.entries(parsers))
      expect(() => parse(seeds[name]!), name).not.toThrow();
  });

  it.each(Object.keys(parsers))("%s: random strings", (name) => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) =>
        parsesOrThrowsLogError(() => parsers[name]!(s)),
      ),
      {
        numRuns: 200,
      },
    );
  });

  it.each(Object.keys(parsers))("%s: mutations of a valid input", (name) => {
    fc.assert(
      fc.property(mutated(seeds[name]!), (s) => parsesOrThrowsLogError(() => parsers[name]!(s))),
      { numRuns: 300 },
    );
  });

  it("a mutated signed note either still verifies unchanged or is rejected", () => {
    fc.assert(
      fc.property(mutated(note), (s) => {
        try {
          const opened = openNote(s, [verifier]);
          // Accepting is only fine if the signed text is what was signed.
          expect(opened.text).toBe(formatCheckpoint(checkpoint));
        } catch (error) {
          expect(error).toBeInstanceOf(LogError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("byte parsers: notes as bytes, entry bundles, cosignatures, tiles", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        parsesOrThrowsLogError(() => openNote(bytes, [verifier]));
        parsesOrThrowsLogError(() => decodeEntryBundle(bytes));
        parsesOrThrowsLogError(() => parseCosignature(bytes));
        parsesOrThrowsLogError(() => parseAddCheckpointRequest(bytes));
        parsesOrThrowsLogError(() =>
          hashReaderFromTiles({ size: 20, rootHash: checkpoint.rootHash }, [
            { level: 0, index: 0, hashes: bytes },
          ]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("the witness handler turns any body into a decision with a status, never an exception", () => {
    const context = {
      logs: (origin: string) => (origin === "example.com/log" ? [verifier] : undefined),
      state: () => undefined,
      cosigners: [cosigner],
      timestamp: 1_800_000_000,
    };
    fc.assert(
      fc.property(fc.oneof(mutated(witnessBody), fc.string({ unit: "binary", maxLength: 300 })), (body) => {
        const decision = handleAddCheckpoint(body, context);
        expect([200, 400, 403, 404, 409, 422]).toContain(decision.status);
      }),
      { numRuns: 400 },
    );
    expect(handleAddCheckpoint(witnessBody, context).status).toBe(200);
  });
});

describe("proof files (c2sp.org/tlog-proof@v1)", () => {
  it("round-trips and verifies offline with the log key; the cosignature verifies too", () => {
    const parsed = parseProofFile(proofFile);
    expect(formatProofFile(parsed)).toBe(proofFile);
    const result = verifyProofFile(parsed, tree.nodeHash(0, 7), {
      origin: "example.com/log",
      verifiers: [verifier, cosignatureVerifierFromVkey(cosigner.vkey)],
    });
    expect(result.note.verified.map((s) => s.name)).toEqual(["example.com/log", "witness.example/w1"]);
  });

  it("another entry's leaf hash is refused", () => {
    expect(() =>
      verifyProofFile(parseProofFile(proofFile), tree.nodeHash(0, 8), {
        origin: "example.com/log",
        verifiers: [verifier],
      }),
    ).toThrow(expect.objectContaining({ code: "INCLUSION_PROOF_INVALID" }));
  });

  it("keeps the optional extra line", () => {
    const withExtra = formatProofFile({ ...parseProofFile(proofFile), extra: new Uint8Array([1, 2, 3]) });
    expect(parseProofFile(withExtra).extra).toEqual(new Uint8Array([1, 2, 3]));
  });
});
