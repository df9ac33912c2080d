import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LAW_DIR } from "../../shell/kb/load-knowledge-base.ts";
import { DEFAULT_CORPUS_DIR } from "../../shell/simulate/load-corpus.ts";
import { DEFAULT_PROFILE_ORDER, runSimulateCommand, type SimulateOptions } from "./simulate.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTty: false }, out, err };
}

const THREE = [
  "ru-nevzorov-in-absentia.json",
  "us-hive-server-search-de.json",
  "pt-rui-pinto-football-leaks.json",
];

function threeScenarioCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), "lightswitch-simulate-"));
  for (const file of THREE) copyFileSync(join(DEFAULT_CORPUS_DIR, file), join(dir, file));
  return dir;
}

const base: SimulateOptions = { corpus: DEFAULT_CORPUS_DIR, law: DEFAULT_LAW_DIR, seed: 1 };

describe("lightswitch simulate", () => {
  it("--json prints lightswitch.simulation/v1 for a three-scenario corpus under every shipped profile", async () => {
    const { io, out, err } = capture();
    const code = await runSimulateCommand({ ...base, corpus: threeScenarioCorpus(), json: true }, io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const simulation = JSON.parse(out.join("\n"));
    expect(simulation.format).toBe("lightswitch.simulation/v1");
    expect(simulation.profiles).toEqual([...DEFAULT_PROFILE_ORDER]);
    expect(simulation.results.map((r: { scenario: string }) => r.scenario)).toEqual([
      "pt-rui-pinto-football-leaks",
      "ru-nevzorov-in-absentia",
      "us-hive-server-search-de",
    ]);
    for (const profile of DEFAULT_PROFILE_ORDER) {
      expect(simulation.summary[profile].abusive.total).toBe(1);
      expect(simulation.summary[profile].legitimate.total).toBe(2);
    }
  });

  it("writes the HTML report and the CSV matrix, and prints the headline table", async () => {
    const dir = threeScenarioCorpus();
    const { io, out } = capture();
    const code = await runSimulateCommand(
      {
        ...base,
        corpus: dir,
        profiles: "rights-first,budapest-2001",
        html: join(dir, "r.html"),
        csv: join(dir, "m.csv"),
      },
      io,
    );
    expect(code).toBe(0);
    expect(out.join("\n")).toMatch(/^profile\s+abusive refused/);
    expect(out.join("\n")).toContain("rights-first");
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html.match(/<figure class="chart"/g)).toHaveLength(2);
    expect(readFileSync(join(dir, "m.csv"), "utf8").split("\r\n")[0]).toBe(
      "scenario,label,title,rights-first,budapest-2001",
    );
  });

  it("exits 2 with file: path: message lines for a bad corpus file", async () => {
    const dir = threeScenarioCorpus();
    const broken = JSON.parse(readFileSync(join(dir, THREE[0] as string), "utf8"));
    broken.request.case.offences[0].max_penalty_months = "ten years";
    delete broken.label;
    writeFileSync(join(dir, "broken-case.json"), JSON.stringify(broken));
    copyFileSync(join(dir, THREE[1] as string), join(dir, "same-id-again.json"));
    const { io, out, err } = capture();
    expect(await runSimulateCommand({ ...base, corpus: dir }, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.some((l) => l.startsWith("broken-case.json: label: "))).toBe(true);
    expect(
      err.some((l) => l.startsWith("broken-case.json: request.case.offences[0].max_penalty_months: ")),
    ).toBe(true);
    expect(err).toContain(
      "us-hive-server-search-de.json: request.id: duplicate request id, also used by same-id-again.json",
    );
  });

  it("exits 2 on an unknown profile", async () => {
    const { io, err } = capture();
    expect(await runSimulateCommand({ ...base, profiles: "no-such-treaty" }, io)).toBe(2);
    expect(err[0]).toMatch(/^--profiles: unknown profile\(s\) no-such-treaty/);
  });

  it("--synthetic assesses N generated requests on worker threads and reports throughput", async () => {
    const { io, out } = capture();
    const code = await runSimulateCommand({ ...base, synthetic: 40, seed: 3, workers: 2, json: true }, io);
    expect(code).toBe(0);
    const report = JSON.parse(out.join("\n"));
    expect(report.format).toBe("lightswitch.synthetic-simulation/v1");
    expect(report.workers).toBe(2);
    expect(report.verdicts["rights-first"].total).toBe(40);
    const inline = capture();
    await runSimulateCommand({ ...base, synthetic: 40, seed: 3, workers: 0, json: true }, inline.io);
    expect(JSON.parse(inline.out.join("\n")).verdicts).toEqual(report.verdicts);
  });
});
