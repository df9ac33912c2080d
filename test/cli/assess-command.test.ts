import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const example = "examples/fr-ransomware-subscriber.json";

describe("lightswitch assess (CLI contract)", () => {
  it("prints lightswitch.assessment/v1 with --json, every failing or flagged finding citing an article", () => {
    const { status, stdout } = runCli(["assess", example, "--json"]);
    expect(status).toBe(0);
    const assessment = JSON.parse(stdout);
    expect(assessment).toMatchObject({
      format: "lightswitch.assessment/v1",
      request_id: "fr-ofac-2026-000417",
    });
    expect(assessment.profile).toBe("budapest-protocol2-2022");
    for (const f of assessment.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(["rule", "outcome", "effect", "explanation", "citations"]),
      );
      if (f.outcome === "fail" || f.outcome === "flag") expect(f.citations.length).toBeGreaterThan(0);
    }
    expect(assessment.measures[0]).toEqual(
      expect.objectContaining({
        type: "subscriber_info",
        verdict: expect.any(String),
        requires_authorisation: false,
      }),
    );
  });

  it("defaults to rights-first when the request's instrument is not a shipped profile", () => {
    const request = JSON.parse(readFileSync(example, "utf8"));
    request.legal_basis.instrument = "bilateral";
    const { stdout } = runCli(["assess", "-", "--json"], JSON.stringify(request));
    expect(JSON.parse(stdout).profile).toBe("rights-first");
  });

  it("prints the verdict first, then findings with explanations and citations, and says the request is unsigned", () => {
    const { status, stdout } = runCli(["assess", example, "--profile", "rights-first"]);
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(/^Verdict: [A-Z]+/);
    expect(stdout).toContain("unsigned");
    expect(stdout).toContain("Cites:");
  });

  it("exits 2 on invalid input, naming every field, with no stack trace", () => {
    const request = JSON.parse(readFileSync(example, "utf8"));
    request.case.offences[0].max_penalty_months = "84";
    request.case.conduct.push("hacking");
    request.mesures = [];
    const { status, stderr } = runCli(["assess", "-"], JSON.stringify(request));
    expect(status).toBe(2);
    expect(stderr).toContain("case.offences[0].max_penalty_months: expected integer");
    expect(stderr).toContain("case.conduct[3]");
    expect(stderr).toContain("mesures: unknown field");
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("with --json, puts { error: { code, issues } } on stdout and exits 2", () => {
    const { status, stdout } = runCli(["assess", "-", "--json"], "{ not json");
    expect(status).toBe(2);
    expect(JSON.parse(stdout).error.code).toBe("INVALID_JSON");
  });

  it("rejects an unknown profile with exit 2", () => {
    const { status, stdout } = runCli(["assess", example, "--profile", "nope", "--json"]);
    expect(status).toBe(2);
    expect(JSON.parse(stdout).error.code).toBe("UNKNOWN_PROFILE");
  });

  it("has --help", () => {
    const { status, stdout } = runCli(["assess", "--help"]);
    expect(status).toBe(0);
    expect(stdout).toContain("--profile");
  });
});

describe("lightswitch profiles and law check", () => {
  it("lists the five shipped profiles", () => {
    const ids = JSON.parse(runCli(["profiles", "--json"]).stdout).map((p: { id: string }) => p.id);
    expect(ids.sort()).toEqual(
      [
        "budapest-2001",
        "budapest-protocol2-2022",
        "eu-e-evidence-2023",
        "rights-first",
        "un-cybercrime-2024",
      ].sort(),
    );
  });

  it("shows a profile's rules with their citations", () => {
    const { stdout } = runCli(["profiles", "show", "rights-first"]);
    expect(stdout).toContain("dual-criminality");
    expect(stdout).toContain("budapest-2001 art. 25(5)");
  });

  it("passes on the shipped knowledge base", () => {
    const { status, stdout } = runCli(["law", "check", "--json"]);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.problems).toEqual([]);
    expect(result.jurisdictions).toBeGreaterThanOrEqual(40);
  });
});
