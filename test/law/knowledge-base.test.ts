import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UN_REGIONS } from "../../src/core/law/knowledge-base-schema.ts";
import { DEFAULT_LAW_DIR, loadLaw } from "../../src/shell/kb/load-knowledge-base.ts";
import { loadShippedLaw } from "../../src/shell/kb/load-shipped-law.ts";
import { runCli } from "../cli/run-cli.ts";

const G20 = [
  "AR",
  "AU",
  "BR",
  "CA",
  "CN",
  "FR",
  "DE",
  "IN",
  "ID",
  "IT",
  "JP",
  "KR",
  "MX",
  "RU",
  "SA",
  "ZA",
  "TR",
  "GB",
  "US",
];
// States named in the legal research's cases (§6) and the EU establishments of large providers.
const REQUIRED = [
  ...G20,
  "IE",
  "NL",
  "LU",
  "JO",
  "NG",
  "BD",
  "PH",
  "EC",
  "PT",
  "BH",
  "TH",
  "EG",
  "IQ",
  "LB",
  "TN",
  "UA",
  "PL",
];

describe("the shipped knowledge base", () => {
  const { kb, problems } = loadShippedLaw();

  it("loads without problems", () => {
    expect(problems).toEqual([]);
  });

  it("covers at least 40 states, every UN region, all G20 members and the states in the research's cases", () => {
    expect(kb.jurisdictions.size).toBeGreaterThanOrEqual(40);
    const regions = new Set([...kb.jurisdictions.values()].map((j) => j.un_region));
    expect([...regions].sort()).toEqual([...UN_REGIONS].sort());
    for (const code of REQUIRED) expect(kb.jurisdictions.has(code), code).toBe(true);
  });

  it("marks a fact verified only where it was checked against a primary text", () => {
    for (const j of kb.jurisdictions.values()) {
      for (const fact of [
        ...j.offences,
        ...j.protected_activity_laws,
        j.death_penalty,
        ...Object.values(j.parties),
      ]) {
        expect(fact.verified).toBe(fact.evidence === "V");
        expect(fact.sources.length).toBeGreaterThan(0);
      }
    }
  });

  it("has a version that is the hash of its content", () => {
    expect(kb.version).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("law check", () => {
  it("reports every problem as file: path: message and exits non-zero", () => {
    const dir = mkdtempSync(join(tmpdir(), "law-"));
    cpSync(DEFAULT_LAW_DIR, dir, { recursive: true });
    const file = join(dir, "jurisdictions", "de.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(/^ {4}max_penalty_months: \d+/m, "    max_penalty_months: lots"),
    );
    const { problems, kb } = loadLaw(dir);
    expect(
      problems.some((p) => p.file.endsWith("de.yaml") && /offences\[\d+\]\.max_penalty_months/.test(p.path)),
    ).toBe(true);
    expect(kb.version).not.toBe(loadLaw(DEFAULT_LAW_DIR).kb.version);
    const { status, stdout } = runCli(["law", "check", "--dir", dir]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/de\.yaml: offences\[\d+\]\.max_penalty_months: /);
  });
});
