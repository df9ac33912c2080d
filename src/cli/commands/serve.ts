/**
 * `lightswitch serve [--config FILE] [--port 8080] [--host 127.0.0.1] [--data ./data] [--demo]`: the case
 * service over HTTP (API under /v1, log under /log). `--demo` seeds demo authorities and requests into an
 * empty store. Settings: serve-config.ts (options, then environment, then the config file).
 */
import type { Command } from "commander";
import { AppError } from "../../core/app-error.ts";
import { buildApp } from "../../http/app.ts";
import { openCaseWorkflow } from "../../shell/cases/case-workflow-services.ts";
import {
  resolveServeConfig,
  type ServeConfig,
  type ServeOptionValues,
  settingsTable,
} from "../../shell/config/serve-config.ts";
import { advanceDemoCases, seedDemoStaff } from "../../shell/demo/demo-workflow.ts";
import { seedDemo } from "../../shell/intake/demo-seed.ts";
import { defaultIntakeWorkerCount } from "../../shell/intake/intake-workers.ts";
import { openCaseService } from "../../shell/intake/open-case-service.ts";
import { DEFAULT_LAW_DIR } from "../../shell/kb/load-knowledge-base.ts";
import { caseStoreNoticeSource } from "../../shell/notices/case-store-notice-source.ts";
import { NoticeDeliveries } from "../../shell/notices/notice-deliveries.ts";
import { readerNoticeLogSource } from "../../shell/notices/notice-log-source.ts";
import { NoticeLoop } from "../../shell/notices/notice-loop.ts";
import { smtpNoticeMailer } from "../../shell/notices/smtp-mailer.ts";
import { ReportIndex } from "../../shell/reports/report-index.ts";
import { failWith } from "../fail.ts";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Run the case service: signed intake, assessment and the transparency log over HTTP")
    .option(
      "--config <file>",
      "settings file, YAML or JSON (default: $LIGHTSWITCH_CONFIG); options and the environment win over it",
    )
    .option("--port <port>", "TCP port (default: 8080)")
    .option("--host <host>", "address to listen on (default: 127.0.0.1)")
    .option(
      "--data <dir>",
      "data directory (created if missing): store, log key, demo keys (default: ./data)",
    )
    .option(
      "--database-url <url>",
      "PostgreSQL URL instead of the SQLite file in --data (default: $DATABASE_URL)",
    )
    .option("--demo", "on an empty store, add demo authorities and ~30 signed demo requests")
    .option("--rate-limit <n>", "requests per second per authority, bursts of 4× (default: 50)")
    .option(
      "--log-interval-ms <ms>",
      "log batch interval for case decisions' public records; intake logs within its own commits (default: 50)",
    )
    .option(
      "--intake-workers <n>",
      `threads that verify, assess and seal submissions beside the main thread, 0: none (default: ${defaultIntakeWorkerCount()})`,
    )
    .option("--law <dir>", "knowledge-base directory (default: the shipped law/)")
    .addHelpText(
      "after",
      `
Settings come from these options, then the environment, then the --config file, then the defaults:
${settingsTable()}
The data key is LIGHTSWITCH_DATA_KEY or DATA/keys/data.key, never the file. Every setting is checked
before the server starts; each problem names the option, variable or file key it came from.

Example: npx lightswitch serve --demo, then open http://127.0.0.1:8080/`,
    )
    .action(async (options: ServeOptionValues) => {
      let config: ServeConfig;
      try {
        config = resolveServeConfig({
          options,
          env: process.env,
          defaults: { lawDir: DEFAULT_LAW_DIR, intakeWorkers: defaultIntakeWorkerCount() },
        });
      } catch (error) {
        return failWith(error, false);
      }
      const service = await openCaseService({
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        lawDir: config.lawDir,
        rateLimit: { perSecond: config.rateLimit, burst: config.rateLimit * 4 },
        logIntervalMs: config.logIntervalMs,
        intakeWorkers: config.intakeWorkers,
      });
      const workflow = openCaseWorkflow({
        database: service.database,
        log: service.log,
        dataDir: config.dataDir,
      });
      if (config.demo) {
        const staff = await seedDemoStaff(workflow, config.dataDir);
        if (staff.created) console.error(`demo: staff of every role; their passwords are in ${staff.file}`);
        const demo = await seedDemo(service, config.dataDir);
        if (demo.seeded) await advanceDemoCases(workflow);
        if (demo.seeded)
          console.error(
            `demo: ${demo.authorities} authorities (private keys in ${config.dataDir}/demo-keys), ${demo.submitted} requests (${Object.entries(
              demo.verdicts,
            )
              .map(([verdict, n]) => `${n} ${verdict}`)
              .join(", ")})${demo.rejected > 0 ? `, ${demo.rejected} rejected` : ""}`,
          );
        else console.error("demo: the store already has authorities; not seeding");
      }
      const publicUrl = config.publicUrl;
      const noticeSource = caseStoreNoticeSource({
        db: service.database.db,
        cases: workflow.cases,
        dataKey: workflow.dataKey,
        law: service.law,
      });
      const noticeSettings = {
        sender: config.noticeSender,
        log: { url: `${publicUrl}/log`, origin: service.log.origin, vkey: service.log.vkey },
        consoleUrl: `${publicUrl}/`,
      };
      const app = await buildApp({
        law: service.law,
        intake: service.intake,
        log: { reader: service.log.reader, origin: service.log.origin },
        logger: { level: config.logLevel },
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
      const mailer = config.mailer;
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
        await app.listen({ port: config.port, host: config.host });
      } catch (error) {
        await shutdown();
        return failWith(
          new AppError(
            "INVALID_INPUT",
            `cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
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
