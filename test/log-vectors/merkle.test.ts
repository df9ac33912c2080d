/** transparency-dev/merkle testdata probes and the RFC 6962 reference tree (vectors/README.md). */
import { describe, expect, it } from "vitest";
import { LogError } from "../../src/core/log/log-error.ts";
import {
  emptyRoot,
  type HashReader,
  hashChildren,
  hashLeaf,
  MemoryTree,
  proveConsistency,
  proveInclusion,
  rootAt,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from "../../src/core/log/merkle.ts";
import { b64, hex, listVectorFiles, readVectorJson } from "./vectors.ts";

interface InclusionProbe {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyProbe {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ReferenceTree {
  leaf_inputs_hex: string[];
  node_hashes_by_level: string[][];
  root_hash_by_tree_size: string[];
  hasher_vectors: { op: string; input_hex?: string; left_hex?: string; right_hex?: string; want: string }[];
}

const inclusionFiles = listVectorFiles("merkle-testdata/inclusion");
const consistencyFiles = listVectorFiles("merkle-testdata/consistency");
const reference = readVectorJson<ReferenceTree>("merkle-reference-tree.json");
const referenceReader: HashReader = {
  nodeHash(level, index) {
    const h = reference.node_hashes_by_level[level]?.[index];
    if (h === undefined) throw new Error(`no reference node ${level}/${index}`);
    return hex(h);
  },
};

function expectCode(run: () => void, code: LogError["code"]): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LogError);
    expect((error as LogError).code).toBe(code);
    return;
  }
  expect.unreachable(`expected LogError ${code}`);
}

describe("merkle-testdata (transparency-dev/merkle probes)", () => {
  it("has all 196 probe files: 98 inclusion and 98 consistency", () => {
    expect(inclusionFiles).toHaveLength(98);
    expect(consistencyFiles).toHaveLength(98);
  });

  it.each(inclusionFiles)("inclusion %s", (file) => {
    const probe = readVectorJson<InclusionProbe>(file);
    const verify = () =>
      verifyInclusion(
        b64(probe.leafHash ?? ""),
        probe.leafIdx,
        probe.treeSize,
        (probe.proof ?? []).map(b64),
        b64(probe.root ?? ""),
      );
    if (probe.wantErr) expectCode(verify, "INCLUSION_PROOF_INVALID");
    else expect(verify).not.toThrow();
  });

  it.each(consistencyFiles)("consistency %s", (file) => {
    const probe = readVectorJson<ConsistencyProbe>(file);
    const verify = () =>
      verifyConsistency(
        probe.size1,
        probe.size2,
        (probe.proof ?? []).map(b64),
        b64(probe.root1 ?? ""),
        b64(probe.root2 ?? ""),
      );
    if (probe.wantErr) expectCode(verify, "CONSISTENCY_PROOF_INVALID");
    else expect(verify).not.toThrow();
  });

  it.each(inclusionFiles.filter((f) => f.endsWith("happy-path.json")))(
    "proveInclusion over the reference tree reproduces %s",
    (file) => {
      const probe = readVectorJson<InclusionProbe>(file);
      const proof = proveInclusion(probe.leafIdx, probe.treeSize, referenceReader);
      expect(proof.map((h) => Buffer.from(h).toString("base64"))).toEqual(probe.proof ?? []);
    },
  );

  it.each(consistencyFiles.filter((f) => /\/[0-9]\/happy-path\.json$/.test(f)))(
    "proveConsistency over the reference tree reproduces %s",
    (file) => {
      const probe = readVectorJson<ConsistencyProbe>(file);
      const proof = proveConsistency(probe.size1, probe.size2, referenceReader);
      expect(proof.map((h) => Buffer.from(h).toString("base64"))).toEqual(probe.proof ?? []);
    },
  );
});

describe("merkle-reference-tree.json (RFC 6962 reference values)", () => {
  const leaves = reference.leaf_inputs_hex.map(hex);

  it("hasher vectors: empty root, leaf and node hashes", () => {
    expect(reference.hasher_vectors).toHaveLength(4);
    for (const v of reference.hasher_vectors) {
      const got =
        v.op === "empty_root"
          ? emptyRoot()
          : v.op === "leaf"
            ? hashLeaf(hex(v.input_hex ?? ""))
            : hashChildren(hex(v.left_hex ?? ""), hex(v.right_hex ?? ""));
      expect(Buffer.from(got).toString("hex")).toBe(v.want);
    }
  });

  it("root for every size 0..8, three ways: direct, from complete nodes, incrementally", () => {
    expect(reference.root_hash_by_tree_size).toHaveLength(9);
    const tree = new MemoryTree();
    reference.root_hash_by_tree_size.forEach((want, size) => {
      const leafHashes = leaves.slice(0, size).map(hashLeaf);
      expect(Buffer.from(rootFromLeafHashes(leafHashes)).toString("hex")).toBe(want);
      expect(Buffer.from(rootAt(size, referenceReader)).toString("hex")).toBe(want);
      expect(Buffer.from(tree.root()).toString("hex")).toBe(want);
      const leaf = leaves[size];
      if (leaf !== undefined) tree.append(hashLeaf(leaf));
    });
  });

  it("every complete node matches the in-memory tree", () => {
    const tree = new MemoryTree();
    for (const leaf of leaves) tree.append(hashLeaf(leaf));
    reference.node_hashes_by_level.forEach((row, level) => {
      row.forEach((want, index) => {
        expect(Buffer.from(tree.nodeHash(level, index)).toString("hex")).toBe(want);
      });
    });
  });

  it("every inclusion and consistency proof in the 8-leaf tree verifies against the reference roots", () => {
    const roots = reference.root_hash_by_tree_size.map(hex);
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        const proof = proveInclusion(index, size, referenceReader);
        verifyInclusion(hashLeaf(leaves[index]!), index, size, proof, roots[size]!);
      }
      for (let size1 = 1; size1 <= size; size1++) {
        const proof = proveConsistency(size1, size, referenceReader);
        verifyConsistency(size1, size, proof, roots[size1]!, roots[size]!);
      }
    }
  });
});
