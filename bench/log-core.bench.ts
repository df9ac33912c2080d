/**
 * Transparency-log core figures (STYLE habit 9: speed lives here, not in tests). Prints JSON lines
 * {"name","value","unit"} to stdout: leaf hashing throughput, inclusion-proof generation +
 * verification latency over a 1M-leaf in-memory tree (target p99 ≤ 100 µs), consistency-proof
 * latency, and checkpoint sign/verify throughput. Runs in well under 30 s.
 */
import { performance } from "node:perf_hooks";
import { openCheckpoint, signCheckpoint } from "../src/core/log/checkpoint.ts";
import {
  hashLeaf,
  MemoryTree,
  proveConsistency,
  proveInclusion,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from "../src/core/log/merkle.ts";
import { generateEd25519Keys, signerFromSkey, verifierFromVkey } from "../src/core/log/note.ts";

const LEAVES = 1_000_000;
const SAMPLES = 20_000;

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Deterministic pseudo-random indexes (xorshift), so runs are comparable. */
function* indexes(seed: number, below: number): Generator<number> {
  let x = seed;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield (x >>> 0) % below;
  }
}

// 1. Leaf hashing: 1M case-event-sized entries (≈ 200 bytes).
const entry = new Uint8Array(200).fill(0x61);
const tree = new MemoryTree();
let start = performance.now();
for (let i = 0; i < LEAVES; i++) {
  entry[0] = i & 0xff;
  entry[1] = (i >> 8) & 0xff;
  entry[2] = (i >> 16) & 0xff;
  tree.append(hashLeaf(entry));
}
let seconds = (performance.now() - start) / 1000;
emit("log.leaf_append_1M.throughput", LEAVES / seconds, "leaves/s (hash + tree append)");

start = performance.now();
for (let i = 0; i < 200_000; i++) hashLeaf(entry);
seconds = (performance.now() - start) / 1000;
emit("log.leaf_hash.throughput", 200_000 / seconds, "hashes/s");

// 2. Inclusion proof generation + verification over the 1M-leaf tree, at 2^20-ish and ragged sizes.
for (const size of [LEAVES, LEAVES - 12_345]) {
  const root = rootAt(size, tree);
  const latencies: number[] = [];
  const pick = indexes(0x9e3779b9, size);
  for (let i = 0; i < SAMPLES; i++) {
    const index = pick.next().value as number;
    const t0 = performance.now();
    const proof = proveInclusion(index, size, tree);
    verifyInclusion(tree.nodeHash(0, index), index, size, proof, root);
    latencies.push((performance.now() - t0) * 1000);
  }
  latencies.sort((a, b) => a - b);
  emit(`log.inclusion_prove_verify.size_${size}.p50`, percentile(latencies, 50), "µs");
  emit(`log.inclusion_prove_verify.size_${size}.p99`, percentile(latencies, 99), "µs");
}

// 3. Consistency proofs between random sizes.
{
  const latencies: number[] = [];
  const pick = indexes(12345, LEAVES - 1);
  for (let i = 0; i < 5_000; i++) {
    const a = (pick.next().value as number) + 1;
    const b = (pick.next().value as number) + 1;
    const size1 = Math.min(a, b);
    const size2 = Math.max(a, b);
    const root1 = rootAt(size1, tree);
    const root2 = rootAt(size2, tree);
    const t0 = performance.now();
    const proof = proveConsistency(size1, size2, tree);
    verifyConsistency(size1, size2, proof, root1, root2);
    latencies.push((performance.now() - t0) * 1000);
  }
  latencies.sort((x, y) => x - y);
  emit("log.consistency_prove_verify.p50", percentile(latencies, 50), "µs");
  emit("log.consistency_prove_verify.p99", percentile(latencies, 99), "µs");
}

// 4. Checkpoint signing and verification (Ed25519 signed note).
{
  const keys = generateEd25519Keys("example.com/lightswitch", new Uint8Array(32).fill(9));
  const signer = signerFromSkey(keys.skey);
  const verifier = verifierFromVkey(keys.vkey);
  const checkpoint = {
    origin: "example.com/lightswitch",
    size: LEAVES,
    rootHash: tree.root(),
    extensions: [],
  };
  const N = 5_000;
  let note = "";
  start = performance.now();
  for (let i = 0; i < N; i++) note = signCheckpoint({ ...checkpoint, size: LEAVES - i }, [signer]);
  emit("log.checkpoint_sign.throughput", N / ((performance.now() - start) / 1000), "checkpoints/s");
  start = performance.now();
  for (let i = 0; i < N; i++) openCheckpoint(note, [verifier], checkpoint.origin);
  emit("log.checkpoint_verify.throughput", N / ((performance.now() - start) / 1000), "checkpoints/s");
}
