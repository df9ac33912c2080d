/**
 * Assessor speed on one core: assessments per second and p50/p99 latency over a varied mix of requests
 * (all five profiles, states known and unknown to the knowledge base, every measure and conduct).
 * Target (issue 2): ≥ 20,000/s and p99 < 1 ms.
 */
import fc from "fast-check";
import { assessRequest } from "../src/core/assess/assess.ts";
import { requestArbitrary } from "../src/core/testing/request-arbitrary.ts";
import { loadShippedLaw } from "../src/shell/kb/load-shipped-law.ts";

const law = loadShippedLaw();
const profiles = [...law.profiles.values()];
const states = [...law.kb.jurisdictions.keys(), "TV", "FJ"];
const mix = fc.sample(requestArbitrary(states), { numRuns: 2_000, seed: 42 });

const print = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ name, value: Number(value.toFixed(2)), unit }));

// Warm up the JIT on the whole mix before measuring.
for (let i = 0; i < 20_000; i++) assessRequest(mix[i % mix.length]!, profiles[i % profiles.length]!, law.kb);

const N = 100_000;
const latencies = new Float64Array(N);
const started = process.hrtime.bigint();
for (let i = 0; i < N; i++) {
  const t0 = process.hrtime.bigint();
  assessRequest(mix[i % mix.length]!, profiles[i % profiles.length]!, law.kb);
  latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
latencies.sort();
print("assess.throughput_one_core", N / seconds, "assessments/s");
print("assess.latency_p50", latencies[Math.floor(N * 0.5)]!, "µs");
print("assess.latency_p99", latencies[Math.floor(N * 0.99)]!, "µs");
print("assess.latency_max", latencies[N - 1]!, "µs");
