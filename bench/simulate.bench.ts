/**
 * Simulator throughput (issue 5: target 1,000,000 requests × 5 profiles in under 60 s on a 2-core machine).
 * Assesses N synthetic requests (default 100,000; `SIMULATE_BENCH_N` overrides) under the five shipped
 * profiles across one worker thread per core, and the scenario corpus once in-thread. Prints JSON lines
 * {"name","value","unit"}, including the time extrapolated linearly to 1M requests.
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { DEFAULT_PROFILE_ORDER } from "../src/cli/commands/simulate.ts";
import { loadShippedLaw } from "../src/shell/kb/load-shipped-law.ts";
import { loadCorpus } from "../src/shell/simulate/load-corpus.ts";
import { runScenarios } from "../src/shell/simulate/run-scenarios.ts";
import { runSynthetic } from "../src/shell/simulate/run-synthetic.ts";

const N = Number(process.env.SIMULATE_BENCH_N ?? 100_000);
const SEED = 20261126;

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

const profiles = [...DEFAULT_PROFILE_ORDER];
const workers = availableParallelism();
const report = await runSynthetic({ requests: N, seed: SEED, profiles, workers });
const seconds = report.elapsed_ms / 1000;
emit("simulate.synthetic.requests", N, "requests");
emit("simulate.synthetic.workers", workers, "threads");
emit("simulate.synthetic.elapsed", seconds, "s");
emit("simulate.synthetic.throughput", (N * profiles.length) / seconds, "requests×profiles/s");
emit("simulate.synthetic.extrapolated_1m_x5", (1_000_000 / N) * seconds, "s");

const { kb, profiles: shipped } = loadShippedLaw();
const { scenarios } = loadCorpus();
const chosen = profiles.map((id) => shipped.get(id)).filter((p) => p !== undefined);
runScenarios(scenarios, chosen, kb); // warm-up
const started = performance.now();
const rounds = 20;
for (let i = 0; i < rounds; i++) runScenarios(scenarios, chosen, kb);
const perAssessment = (performance.now() - started) / (rounds * scenarios.length * chosen.length);
emit("simulate.corpus.assessment_latency", perAssessment * 1000, "µs/assessment (one thread)");
