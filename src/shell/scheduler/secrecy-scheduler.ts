/**
 * The secrecy scheduler (issue 7): on every tick, each sealed case whose secrecy is over — its end date
 * came, its proceedings ended (adjudicated or abandoned), or the profile's maximum secrecy was reached —
 * gets `secrecy_ended` recorded by the system actor `scheduler`, which publishes the case's `disclosed`
 * record and moves it to notification. The rule is the core's `dueSecrecyCommand`; this is only the timer.
 * Each tick also re-publishes any public record a crash left out of the log.
 */
import { AppError } from "../../core/app-error.ts";
import { dueSecrecyCommand } from "../../core/case/case-commands.ts";
import type { Actor } from "../../core/case/case-events.ts";
import type { CaseStore } from "../cases/case-store.ts";

const SCHEDULER: Actor = { kind: "system", component: "scheduler" };

export interface SecrecySchedulerOptions {
  readonly cases: CaseStore;
  /** The clock (tests control it). Default: the system clock. */
  readonly now?: () => Date;
  /** Milliseconds between ticks. Default one minute. */
  readonly intervalMs?: number;
  /** Told about a case that could not be processed (it is retried next tick); never gets personal data. */
  readonly onError?: (caseId: string, error: unknown) => void;
}

export interface TickResult {
  /** Cases whose secrecy ended on this tick, with the cause. */
  readonly ended: ReadonlyArray<{ readonly caseId: string; readonly cause: string }>;
  readonly republished: number;
}

export class SecrecyScheduler {
  readonly #cases: CaseStore;
  readonly #now: () => Date;
  readonly #intervalMs: number;
  readonly #onError: (caseId: string, error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: SecrecySchedulerOptions) {
    this.#cases = options.cases;
    this.#now = options.now ?? (() => new Date());
    this.#intervalMs = options.intervalMs ?? 60_000;
    this.#onError = options.onError ?? (() => {});
  }

  /** One pass over the sealed cases at the clock's current time. */
  async tick(): Promise<TickResult> {
    const run = this.#running.then(() => this.#tick());
    this.#running = run.catch(() => {});
    return run;
  }

  /** Starts ticking every `intervalMs` (the timer does not keep the process alive). */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(
      () => void this.tick().catch((error) => this.#onError("(tick)", error)),
      this.#intervalMs,
    );
    this.#timer.unref();
  }

  /** Stops the timer and waits for a running tick. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async #tick(): Promise<TickResult> {
    const now = this.#now().toISOString();
    const ended: Array<{ caseId: string; cause: string }> = [];
    const republished = await this.#cases.publishPending();
    for (const caseId of await this.#cases.sealedCaseIds()) {
      try {
        const stored = await this.#cases.load(caseId, now);
        const command = dueSecrecyCommand(stored.state, now);
        if (command === null || command.kind !== "end_secrecy") continue;
        await this.#cases.execute(caseId, command, SCHEDULER, now);
        ended.push({ caseId, cause: command.cause });
      } catch (error) {
        // A case worker acted meanwhile: the next tick sees the new state.
        if (error instanceof AppError && error.code === "CONFLICT") continue;
        this.#onError(caseId, error);
      }
    }
    return { ended, republished };
  }
}
