/**
 * `lightswitch simulate [--corpus DIR] [--profiles a,b] [--json] [--html FILE] [--csv FILE]` — the treaty
 * comparison (issue 5): every scenario of the corpus under every profile. Human output is the headline
 * table; `--json` prints `lightswitch.simulation/v1`; `--html` and `--csv` write the report and the matrix.
 * `--synthetic N --seed S` instead assesses N generated requests across worker threads and reports the
 * throughput. A bad corpus file exits 2 with one `file: path: message` line per problem.
 */
import { writeFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import type { Profile } from "../../core/profiles/profile-schema.ts";
import { DEFAULT_LAW_DIR } from "../../shell/kb/load-knowledge-base.ts";
import { loadShippedLaw } from "../../shell/kb/load-shipped-law.ts";
import { renderCsv } from "../../shell/simulate/csv-report.ts";
import { renderHtml } from "../../shell/simulate/html-report.ts";
import { renderHeadlineTable } from "../../shell/simulate/human-report.ts";
import { DEFAULT_CORPUS_DIR, loadCorpus } from "../../shell/simulate/load-corpus.ts";
import { runScenarios } from "../../shell/simulate/run-scenarios.ts";
import { runSynthetic } from "../../shell/simulate/run-synthetic.ts";

/** The shipped profiles, in the order reports list them. */
export const DEFAULT_PROFILE_ORDER = [
  "un-cybercrime-2024",
  "budapest-2001",
  "budapest-protocol2-2022",
  "eu-e-evidence-2023",
  "rights-first",
] as const;

export interface SimulateOptions {
  readonly corpus: string;
  readonly law: string;
  readonly profiles?: string;
  readonly json?: boolean;
  readonly html?: string;
  readonly csv?: string;
  readonly synthetic?: number;
  readonly seed: number;
  readonly workers?: number;
}

export interface SimulateIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether to draw a progress bar (a terminal on stderr). */
  readonly isTty: boolean;
}

const processIo: SimulateIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  isTty: process.stderr.isTTY === true,
};

export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("Compare treaty profiles: run every scenario of the corpus under every profile")
    .option("--corpus <dir>", "scenario directory (lightswitch.scenario/v1 files)", DEFAULT_CORPUS_DIR)
    .option("--profiles <ids>", `comma-separated profile ids (default: ${DEFAULT_PROFILE_ORDER.join(",")})`)
    .option("--json", "print lightswitch.simulation/v1 JSON")
    .option("--html <file>", "write a self-contained HTML report")
    .option("--csv <file>", "write the scenario × profile matrix as CSV (RFC 4180)")
    .option(
      "--synthetic <n>",
      "assess N generated requests instead of the corpus and report throughput",
      parseCount,
    )
    .option("--seed <s>", "seed of the synthetic generator", parseInteger, 1)
    .option("--workers <n>", "worker threads for --synthetic (default: one per core; 0 = none)", parseInteger)
    .option("--law <dir>", "knowledge-base directory", DEFAULT_LAW_DIR)
    .addHelpText(
      "after",
      "\nExit codes: 0 done; 2 invalid corpus or arguments (one `file: path: message` line per problem).\n" +
        "Examples:\n  npx lightswitch simulate --html report.html\n  npx lightswitch simulate --synthetic 1000000 --seed 7",
    )
    .action(async (options: SimulateOptions) => {
      process.exitCode = await runSimulateCommand(options, processIo);
    });
}

/** The command's behaviour, callable without a process: returns the exit code. */
export async function runSimulateCommand(
  options: SimulateOptions,
  io: SimulateIo = processIo,
): Promise<number> {
  const law = loadShippedLaw(options.law);
  if (law.problems.length > 0) {
    for (const p of law.problems) io.err(`${p.file}: ${p.path}: ${p.message}`);
    return 2;
  }
  const chosen = chooseProfiles(options.profiles, law.profiles);
  if (typeof chosen === "string") {
    io.err(`--profiles: ${chosen}`);
    return 2;
  }
  if (options.synthetic !== undefined) return simulateSynthetic(options, chosen, io);

  const corpus = loadCorpus(options.corpus);
  if (corpus.problems.length > 0) {
    for (const p of corpus.problems) io.err(`${p.file}: ${p.path}: ${p.message}`);
    return 2;
  }
  if (corpus.scenarios.length === 0) {
    io.err(`${options.corpus}: (root): no scenario files (*.json) found`);
    return 2;
  }
  const bar = io.isTty
    ? new SingleBar({ format: "simulate [{bar}] {value}/{total} assessments", hideCursor: true })
    : undefined;
  bar?.start(corpus.scenarios.length * chosen.length, 0);
  const run = runScenarios(corpus.scenarios, chosen, law.kb, (done) => bar?.update(done));
  bar?.stop();

  if (options.csv !== undefined) {
    writeFileSync(
      options.csv,
      renderCsv(run.simulation, new Map(corpus.scenarios.map((s) => [s.name, s.document.title]))),
    );
  }
  if (options.html !== undefined) {
    writeFileSync(
      options.html,
      renderHtml({ ...run, scenarios: corpus.scenarios, subtitle: `Knowledge base ${law.kb.version}.` }),
    );
  }
  if (options.json === true) io.out(JSON.stringify(run.simulation, null, 2));
  else io.out(renderHeadlineTable(run.simulation));
  return 0;
}

async function simulateSynthetic(
  options: SimulateOptions,
  profiles: readonly Profile[],
  io: SimulateIo,
): Promise<number> {
  const n = options.synthetic ?? 0;
  const bar = io.isTty
    ? new SingleBar({ format: "synthetic [{bar}] {value}/{total} requests", hideCursor: true })
    : undefined;
  bar?.start(n, 0);
  const report = await runSynthetic({
    requests: n,
    seed: options.seed,
    profiles: profiles.map((p) => p.id),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    lawDir: options.law,
    onProgress: (done) => bar?.update(done),
  });
  bar?.stop();
  if (options.json === true) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  io.out(
    `${report.requests} synthetic requests (seed ${report.seed}) × ${report.profiles.length} profiles on ${report.workers} worker thread(s): ` +
      `${(report.elapsed_ms / 1000).toFixed(1)} s, ${report.requests_per_second} requests/s, ${report.assessments_per_second} assessments/s`,
  );
  for (const profile of report.profiles) {
    const c = report.verdicts[profile];
    if (c === undefined) continue;
    io.out(
      `  ${profile.padEnd(26)} executed ${c.executed}  partial ${c.partial}  review ${c.review}  consult ${c.consult}  incomplete ${c.incomplete}  refused ${c.refused}`,
    );
  }
  return 0;
}

/** The profiles named in `--profiles`, or all shipped ones in report order; a string is an error message. */
function chooseProfiles(list: string | undefined, shipped: ReadonlyMap<string, Profile>): Profile[] | string {
  const order: readonly string[] = DEFAULT_PROFILE_ORDER;
  const ids =
    list === undefined
      ? [
          ...order.filter((id) => shipped.has(id)),
          ...[...shipped.keys()].filter((id) => !order.includes(id)).sort(),
        ]
      : list
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== "");
  if (ids.length === 0) return "name at least one profile";
  const unknown = ids.filter((id) => !shipped.has(id));
  if (unknown.length > 0)
    return `unknown profile(s) ${unknown.join(", ")}; known: ${[...shipped.keys()].join(", ")}`;
  return [...new Set(ids)].map((id) => shipped.get(id) as Profile);
}

function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError("expected an integer");
  return Number(value);
}

function parseCount(value: string): number {
  const n = parseInteger(value);
  if (n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}
