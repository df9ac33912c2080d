/**
 * `lightswitch serve [--port 8080] [--host 127.0.0.1] [--data ./data] [--demo]`: the case service over
 * HTTP (API under /v1, log under /log). `--demo` seeds demo authorities and requests into an empty store.
 */
import type { Command } from "commander";
import { AppError } from "../../core/app-error.ts";
import { buildApp } from "../../http/app.ts";
import { openCaseWorkflow } from "../../shell/cases/case-workflow-services.ts";
import { advanceDemoCases, seedDemoStaff } from "../../shell/demo/demo-workflow.ts";
import { seedDemo } from "../../shell/intake/demo-seed.ts";
import { defaultIntakeWorkerCount } from "../../shell/intake/intake-workers.ts";
import { openCaseService } from "../../shell/intake/open-case-service.ts";
import { DEFAULT_LAW_DIR } from "../../shell/kb/load-knowledge-base.ts";
import { caseStoreNoticeSource } from "../../shell/notices/case-store-notice-source.ts";
import { loadMailerConfig } from "../../shell/notices/mailer-config.ts";
import { NoticeDeliveries } from "../../shell/notices/notice-deliveries.ts";
import { readerNoticeLogSource } from "../../shell/notices/notice-log-source.ts";
import { NoticeLoop } from "../../shell/notices/notice-loop.ts";
import { smtpNoticeMailer } from "../../shell/notices/smtp-mailer.ts";
import { ReportIndex } from "../../shell/reports/report-index.ts";
import { failWith } from "../fail.ts";

interface ServeOptions {
  port: string;
  host: string;
  data: string;
  databaseUrl?: string;
  demo?: boolean;
  law: string;
  rateLimit: string;
  logIntervalMs: string;
  intakeWorkers: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Run the case service: signed intake, assessment and the transparency log over HTTP")
    .option("--port <port>", "TCP port", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--data <dir>", "data directory (created if missing): store, log key, demo keys", "./data")
    .option(
      "--database-url <url>",
      "PostgreSQL URL instead of the SQLite file in --data (default: $DATABASE_URL)",
    )
    .option("--demo", "on an empty store, add demo authorities and ~30 signed demo requests")
    .option("--rate-limit <n>", "requests per second per authority (bursts of 4×)", "50")
    .option(
      "--log-interval-ms <ms>",
      "log batch interval for case decisions' public records (intake logs within its own commits)",
      "50",
    )
    .option(
      "--intake-workers <n>",
      "threads that verify, assess and seal submissions beside the main thread (0: none)",
      String(defaultIntakeWorkerCount()),
    )
    .option("--law <dir>", "knowledge-base directory", DEFAULT_LAW_DIR)
    .addHelpText("after", "\nExample: npx lightswitch serve --demo, then open http://127.0.0.1:8080/")
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      const perSecond = Number(options.rateLimit);
      const intakeWorkers = Number(options.intakeWorkers);
      const workersOk = Number.isInteger(intakeWorkers) && intakeWorkers >= 0 && intakeWorkers <= 64;
      if (!Number.isInteger(port) || port < 0 || port > 65535 || !(perSecond > 0) || !workersOk) {
        return failWith(
          new AppError("INVALID_INPUT", "bad option", {
            issues: [
              ...(Number.isInteger(port) && port >= 0 && port <= 65535
                ? []
                : [{ path: "--port", message: "expected 0–65535" }]),
              ...(perSecond > 0 ? [] : [{ path: "--rate-limit", message: "expected a positive number" }]),
              ...(workersOk ? [] : [{ path: "--intake-workers", message: "expected an integer 0–64" }]),
            ],
          }),
          false,
        );
      }
      const service = await openCaseService({
        dataDir: options.data,
        databaseUrl:
          options.databaseUrl ?? process.env["LIGHTSWITCH_DATABASE_URL"] ?? process.env["DATABASE_URL"],
        lawDir: options.law,
        rateLimit: { perSecond, burst: perSecond * 4 },
        logIntervalMs: Number(options.logIntervalMs) > 0 ? Number(options.logIntervalMs) : 50,
        intakeWorkers,
      });
      const workflow = openCaseWorkflow({
        database: service.database,
        log: service.log,
        dataDir: options.data,
      });
      if (options.demo === true) {
        const staff = await seedDemoStaff(workflow, options.data);
        if (staff.created) console.error(`demo: staff of every role; their passwords are in ${staff.file}`);
        const demo = await seedDemo(service, options.data);
        if (demo.seeded) await advanceDemoCases(workflow);
        if (demo.seeded)
          console.error(
            `demo: ${demo.authorities} authorities (private keys in ${options.data}/demo-keys), ${demo.submitted} requests (${Object.entries(
              demo.verdicts,
            )
              .map(([verdict, n]) => `${n} ${verdict}`)
              .join(", ")})${demo.rejected > 0 ? `, ${demo.rejected} rejected` : ""}`,
          );
        else console.error("demo: the store already has authorities; not seeding");
      }
      const publicUrl = process.env["LIGHTSWITCH_PUBLIC_URL"] ?? `http://${options.host}:${port}`;
      const noticeSource = caseStoreNoticeSource({
        db: service.database.db,
        cases: workflow.cases,
        dataKey: workflow.dataKey,
        law: service.law,
      });
      const noticeSettings = {
        sender: process.env["LIGHTSWITCH_NOTICE_SENDER"] ?? "the requested party's central authority",
        log: { url: `${publicUrl}/log`, origin: service.log.origin, vkey: service.log.vkey },
        consoleUrl: `${publicUrl}/`,
      };
      const app = await buildApp({
        law: service.law,
        intake: service.intake,
        log: { reader: service.log.reader, origin: service.log.origin },
        logger: { level: process.env["LOG_LEVEL"] ?? "info" },
        workflow,
        directory: service.directory,
        reports: { index: new ReportIndex(service.database.db, service.database.dialect) },
        web: {},
        notices: {
          log: {
            source: readerNoticeLogSource(service.log.reader, service.log.vkey),
            vkey: service.log.vkey,
          },
          cases: noticeSource,
          settings: noticeSettings,
        },
      });
      // Secrecy and notices: the public URL goes into notices so that people can verify them.
      let mailer: ReturnType<typeof loadMailerConfig>;
      try {
        mailer = loadMailerConfig();
      } catch (error) {
        await app.close();
        await service.close();
        return failWith(error, false);
      }
      const notices = new NoticeLoop({
        scheduler: workflow.scheduler,
        cases: workflow.cases,
        source: noticeSource,
        settings: noticeSettings,
        deliveries:
          mailer === undefined
            ? undefined
            : new NoticeDeliveries({
                db: service.database.db,
                dataKey: workflow.dataKey,
                mailer: smtpNoticeMailer(mailer),
                onSent: async ({ caseId, noticeId, sentAt }) => {
                  await workflow.cases.execute(
                    caseId,
                    { kind: "notify", channel: "email", notice_id: noticeId },
                    { kind: "system", component: "scheduler" },
                    new Date(sentAt).toISOString(),
                  );
                },
              }),
        onError: (caseId) => app.log.warn({ caseId }, "secrecy or notice step failed; retried next minute"),
      });
      notices.start();
      const shutdown = async () => {
        await notices.stop();
        await app.close();
        await service.close();
      };
      try {
        await app.listen({ port, host: options.host });
      } catch (error) {
        await shutdown();
        return failWith(
          new AppError(
            "INVALID_INPUT",
            `cannot listen on ${options.host}:${port}: ${(error as Error).message}`,
            {
              issues: [{ path: "--port", message: "in use or not allowed; choose another with --port" }],
            },
          ),
          false,
        );
      }
      process.once("SIGINT", () => void shutdown());
      process.once("SIGTERM", () => void shutdown());
    });
}
