import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../test/cli/run-cli.ts";
import { encodePublicRecord, type PublicRecord } from "../../core/records/public-record.ts";
import { PEER_COLUMNS } from "../../core/reports/peer-columns.ts";
import { ReportSchema } from "../../core/reports/report-schema.ts";
import { DEFAULT_ORIGIN, loadOrCreateLogKey } from "../../shell/log/log-keys.ts";
import { openLogService } from "../../shell/log/log-service.ts";
import { openDataDatabase } from "../../shell/log/open-log.ts";

let data: string;
let event = 0;

function record(
  caseNo: number,
  type: PublicRecord["event_type"],
  date: string,
  state?: string,
): PublicRecord {
  const base = {
    format: "lightswitch.public-record/v1" as const,
    event_id: `evt_${String(event++).padStart(8, "0")}`,
    event_type: type,
    date,
    commitment: caseNo.toString(16).padStart(64, "0"),
  };
  if (state === undefined) return { ...base, visibility: "sealed" };
  return {
    ...base,
    visibility: "public",
    details: {
      requesting_state: state,
      requested_party: { state: "IE", party: "provider" },
      instrument: "budapest-2001",
      conduct: ["fraud"],
      measures: ["subscriber_info"],
      verdict: "execute",
      refusal_grounds: [],
    },
  };
}

/** 12 French cases answered, 3 from the US pending, 2 sealed (one disclosed later, from Brazil). */
const RECORDS: PublicRecord[] = [
  ...Array.from({ length: 12 }, (_, i) => [
    record(i, "received", "2026-02-03", "FR"),
    record(i, "delivered", "2026-02-20", "FR"),
  ]).flat(),
  ...Array.from({ length: 3 }, (_, i) => record(100 + i, "received", "2026-04-01", "US")),
  record(200, "received", "2026-05-05"),
  record(201, "received", "2026-05-06"),
  record(200, "disclosed", "2026-11-02", "BR"),
];

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), "lightswitch-report-cli-"));
  const database = await openDataDatabase({ data });
  const log = await openLogService({
    database,
    key: loadOrCreateLogKey(data, DEFAULT_ORIGIN),
    intervalMs: 60_000,
  });
  const acks = RECORDS.map((r) => log.sequencer.append(encodePublicRecord(r), { eventId: r.event_id }));
  await log.close();
  await Promise.all(acks);
  await database.close();
});

afterAll(() => rmSync(data, { recursive: true, force: true }));

describe("lightswitch report", () => {
  it("--format json prints a lightswitch.report/v1 with small counts banded", () => {
    const result = runCli(["report", "--period", "2026H1", "--format", "json", "--data", data]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.format).toBe("lightswitch.report/v1");
    expect(report.log_size).toBe(RECORDS.length);
    expect(report.cases).toEqual({ total: 17, public: 16, sealed: { band: "1-9" } });
    expect(report.breakdowns.requesting_state).toEqual([
      { key: "FR", cases: 12 },
      { key: "BR", cases: { band: "1-9" } },
      { key: "US", cases: { band: "1-9" } },
    ]);
    expect(report.by_requesting_state[0]).toMatchObject({ state: "FR", percent_some_data_produced: 100 });
  });

  it("--threshold 1 gives exact counts; --json is --format json; --rebuild-index recounts the same", () => {
    const result = runCli([
      "report",
      "--period",
      "2026Q2",
      "--json",
      "--threshold",
      "1",
      "--rebuild-index",
      "--data",
      data,
    ]);
    expect(result.status).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.cases).toEqual({ total: 5, public: 4, sealed: 1 });
  });

  it("--format csv prints Lightswitch's columns, and each provider's column set", () => {
    const csv = runCli(["report", "--period", "2026H1", "--format", "csv", "--data", data]);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.split("\r\n");
    expect(lines[0]).toBe("period,dimension,key,cases");
    expect(lines).toContain("2026H1,requesting_state,FR,12");
    expect(lines).toContain("2026H1,requesting_state,US,1-9");
    for (const format of ["google", "meta", "microsoft"] as const) {
      const peer = runCli(["report", "--period", "2026H1", "--format", format, "--data", data]);
      expect(peer.status).toBe(0);
      expect(peer.stdout.split("\r\n")[0]).toBe(PEER_COLUMNS[format].join(","));
    }
  });

  it("--format html writes a self-contained page with its charts", () => {
    const out = join(data, "report.html");
    const result = runCli(["report", "--period", "2026", "--format", "html", "--out", out, "--data", data]);
    expect(result.status).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("France (FR)");
    expect(html).toContain('href="2026.json"');
    expect(html).not.toMatch(/<script|src="http/);
  });

  it("--site DIR writes index.html and a folder per period with every format", () => {
    const site = join(data, "site");
    const result = runCli(["report", "--site", site, "--data", data]);
    expect(result.status).toBe(0);
    for (const period of ["2026", "2026H1", "2026H2"])
      for (const file of [
        "report.html",
        "report.json",
        "report.csv",
        "google-user-data-requests.csv",
        "meta-requests-for-user-data.csv",
        "microsoft-law-enforcement-requests.csv",
      ])
        expect(existsSync(join(site, period, file)), `${period}/${file}`).toBe(true);
    expect(readFileSync(join(site, "index.html"), "utf8")).toContain('href="2026H1/report.html"');
  });

  it("without --json, an error is one line on stderr", () => {
    const result = runCli(["report", "--period", "2026Q5", "--data", data]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: "2026Q5" is not a period/);
  });

  it.each([
    [["--period", "2026H3"], "--period"],
    [["--period", "2026H1", "--format", "xlsx"], "--format"],
    [["--period", "2026H1", "--threshold", "0"], "--threshold"],
    [[], "--period"],
  ])("%j exits 2 naming %s", (args, option) => {
    const result = runCli(["report", ...args, "--json", "--data", data]);
    expect(result.status).toBe(2);
    const body = JSON.parse(result.stdout);
    expect(body.error.code).toBe("INVALID_INPUT");
    expect(body.error.issues[0].path).toBe(option);
  });
});
