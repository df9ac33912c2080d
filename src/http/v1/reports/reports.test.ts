import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testDialects } from "../../../../test/support/databases.ts";
import { encodePublicRecord, type PublicRecord } from "../../../core/records/public-record.ts";
import { PEER_COLUMNS } from "../../../core/reports/peer-columns.ts";
import { parsePeriod } from "../../../core/reports/period.ts";
import { ReportSchema } from "../../../core/reports/report-schema.ts";
import { loadOrCreateLogKey } from "../../../shell/log/log-keys.ts";
import { type LogService, openLogService } from "../../../shell/log/log-service.ts";
import { ReportIndex } from "../../../shell/reports/report-index.ts";
import { reportRoutes } from "./reports.ts";

function record(caseNo: number, state: string, date: string): PublicRecord {
  return {
    format: "lightswitch.public-record/v1",
    event_id: `evt_${String(caseNo).padStart(8, "0")}`,
    event_type: "received",
    date,
    commitment: caseNo.toString(16).padStart(64, "0"),
    visibility: "public",
    details: {
      requesting_state: state,
      requested_party: { state: "US", party: "provider" },
      instrument: "bilateral",
      conduct: ["fraud"],
      measures: ["subscriber_info"],
      refusal_grounds: [],
    },
  };
}

/** 10 requests from Germany, 2 from India, in March 2026. */
const RECORDS = [
  ...Array.from({ length: 10 }, (_, i) => record(i, "DE", "2026-03-02")),
  record(10, "IN", "2026-03-03"),
  record(11, "IN", "2026-03-04"),
];

for (const dialect of testDialects) {
  describe(`GET /v1/reports on ${dialect.name}`, () => {
    let database: TestDatabase;
    let log: LogService;
    let keyDir: string;
    let app: FastifyInstance;

    beforeAll(async () => {
      database = await dialect.open();
      keyDir = mkdtempSync(join(tmpdir(), "lightswitch-report-http-"));
      log = await openLogService({
        database,
        key: loadOrCreateLogKey(keyDir, "reports.test/log"),
        intervalMs: 60_000,
      });
      const acks = RECORDS.map((r) => log.sequencer.append(encodePublicRecord(r)));
      await log.sequencer.flush();
      await Promise.all(acks);
      app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      await app.register(swagger, {
        openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
        transform: jsonSchemaTransform,
        transformObject: jsonSchemaTransformObject,
      });
      await app.register(reportRoutes, {
        prefix: "/v1",
        index: new ReportIndex(database.db, database.dialect),
        indexIntervalMs: 20,
      });
      await app.ready();
    });

    afterAll(async () => {
      await app.close();
      await log.close();
      await database.cleanup();
      rmSync(keyDir, { recursive: true, force: true });
    });

    it.each(["/v1/reports/2026H1.json", "/v1/reports/2026H1"])(
      "%s is the banded lightswitch.report/v1",
      async (url) => {
        const response = await app.inject({ method: "GET", url });
        expect(response.statusCode).toBe(200);
        expect(response.headers["content-type"]).toMatch(/^application\/json/);
        const report = ReportSchema.parse(response.json());
        expect(report.log_size).toBe(RECORDS.length);
        expect(report.breakdowns.requesting_state).toEqual([
          { key: "DE", cases: 10 },
          { key: "IN", cases: { band: "1-9" } },
        ]);
      },
    );

    it("the threshold is the operator's: a query parameter cannot unband small counts", async () => {
      const response = await app.inject({ method: "GET", url: "/v1/reports/2026-03.json?threshold=1" });
      expect(response.statusCode).toBe(200);
      expect(ReportSchema.parse(response.json()).breakdowns.requesting_state[1]).toEqual({
        key: "IN",
        cases: { band: "1-9" },
      });
    });

    it("/v1/reports/2026Q1.csv is Lightswitch's CSV", async () => {
      const response = await app.inject({ method: "GET", url: "/v1/reports/2026Q1.csv" });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/csv/);
      const lines = response.body.split("\r\n");
      expect(lines[0]).toBe("period,dimension,key,cases");
      expect(lines).toContain("2026Q1,requesting_state,IN,1-9");
    });

    it.each(["google", "meta", "microsoft"] as const)(
      "/v1/reports/2026.%s.csv has that provider's columns",
      async (format) => {
        const response = await app.inject({ method: "GET", url: `/v1/reports/2026.${format}.csv` });
        expect(response.statusCode).toBe(200);
        const [header, first] = response.body.split("\r\n");
        expect(header).toBe(PEER_COLUMNS[format].join(","));
        expect(first).toContain("Germany");
      },
    );

    it("/v1/reports/2026H1.html is the page, linking its sibling files", async () => {
      const response = await app.inject({ method: "GET", url: "/v1/reports/2026H1.html" });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.body).toContain("<svg");
      expect(response.body).toContain('href="2026H1.google.csv"');
    });

    it("the index catches up in the background, and each request catches up too", async () => {
      const first = await app.inject({ method: "GET", url: "/v1/reports/2026.json" });
      expect(first.json().log_size).toBe(RECORDS.length);
      const acks = [record(50, "BR", "2026-08-01"), record(51, "BR", "2026-08-02")].map((r) =>
        log.sequencer.append(encodePublicRecord(r)),
      );
      await log.sequencer.flush();
      await Promise.all(acks);
      const index = new ReportIndex(database.db, database.dialect);
      await expect
        .poll(async () => (await index.periodCounts(parsePeriod("2026"))).logSize)
        .toBe(RECORDS.length + 2);
      const after = await app.inject({ method: "GET", url: "/v1/reports/2026.json" });
      expect(ReportSchema.parse(after.json()).cases.total).toBe(14);
    });

    it("/v1/reports lists the periods with data", async () => {
      const response = await app.inject({ method: "GET", url: "/v1/reports" });
      expect(response.statusCode).toBe(200);
      expect(response.json().periods.map((p: { period: string }) => p.period)).toEqual([
        "2026",
        "2026H2",
        "2026H1",
      ]);
    });

    it("an impossible period is 400 INVALID_INPUT naming the period; an unknown format is 404", async () => {
      const bad = await app.inject({ method: "GET", url: "/v1/reports/2026H3.json" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "period" }] });
      const unknown = await app.inject({ method: "GET", url: "/v1/reports/2026H1.xlsx" });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe("NOT_FOUND");
    });

    it("is described in the OpenAPI document", () => {
      const document = app.swagger() as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(["/v1/reports", "/v1/reports/{file}"]),
      );
    });
  });
}
