/**
 * The server's timer for secrecy and notices (issue 7): each tick ends the secrecy that is over (the
 * secrecy scheduler), issues the notice of every case whose secrecy ended — queued for e-mail where the
 * person's address is known, otherwise recorded as `notify { channel: "none_known" }` so staff send the
 * printable page — and sends the e-mails that are due, retrying failures with backoff.
 */
import type { Actor } from "../../core/case/case-events.ts";
import type { CaseStore } from "../cases/case-store.ts";
import type { SecrecyScheduler } from "../scheduler/secrecy-scheduler.ts";
import { issueCaseNotice } from "./issue-notice.ts";
import type { NoticeCaseSource, NoticeSettings } from "./notice-case-source.ts";
import type { NoticeDeliveries } from "./notice-deliveries.ts";

const SCHEDULER: Actor = { kind: "system", component: "scheduler" };

export interface NoticeLoopOptions {
  readonly scheduler: SecrecyScheduler;
  readonly cases: CaseStore;
  readonly source: NoticeCaseSource;
  readonly settings: NoticeSettings;
  /** E-mail deliveries; absent when no SMTP server is configured (notices then go on paper). */
  readonly deliveries?: NoticeDeliveries | undefined;
  readonly now?: () => Date;
  readonly intervalMs?: number;
  /** Told (without personal data) when a case could not be processed; it is retried next tick. */
  readonly onError?: (caseId: string, error: unknown) => void;
}

export class NoticeLoop {
  readonly #options: NoticeLoopOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: NoticeLoopOptions) {
    this.#options = options;
  }

  /** One pass: end due secrecy, issue the notices it makes due, send due e-mails. */
  async tick(): Promise<{ ended: number; issued: number }> {
    const run = this.#running.then(() => this.#tick());
    this.#running = run.catch(() => {});
    return run;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    const onError = this.#options.onError ?? (() => {});
    this.#timer = setInterval(
      () => void this.tick().catch((e) => onError("(tick)", e)),
      this.#options.intervalMs ?? 60_000,
    );
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async #tick(): Promise<{ ended: number; issued: number }> {
    const { scheduler, cases, source, settings, deliveries } = this.#options;
    const now = (this.#options.now ?? (() => new Date()))();
    const { ended } = await scheduler.tick();
    let issued = 0;
    for (const { caseId } of ended) {
      try {
        // Without SMTP there is nothing to queue: the notice goes on paper, from the printable page.
        const notice =
          deliveries === undefined
            ? { kind: "no_contact" as const, noticeId: `none-${caseId}` }
            : await issueCaseNotice({ cases: source, deliveries, settings }, caseId, now.getTime());
        if (notice.kind === "no_contact") {
          await cases.execute(
            caseId,
            { kind: "notify", channel: "none_known", notice_id: notice.noticeId },
            SCHEDULER,
            now.toISOString(),
          );
        }
        issued++;
      } catch (error) {
        (this.#options.onError ?? (() => {}))(caseId, error);
      }
    }
    if (deliveries !== undefined) await deliveries.sendDueNotices(now.getTime());
    return { ended: ended.length, issued };
  }
}
