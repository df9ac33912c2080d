/**
 * Wiring of the case workflow on one store and log: the data key (LIGHTSWITCH_DATA_KEY or
 * DATA/keys/data.key), the case event store, users and sessions, the access log and the secrecy
 * scheduler. What `lightswitch serve` opens next to intake (see caseWorkflowRoutes for the HTTP side).
 */
import { AccessLog } from "../access-log/access-log.ts";
import { type DataKey, loadOrCreateDataKey } from "../crypto/personal-data.ts";
import { SecrecyScheduler } from "../scheduler/secrecy-scheduler.ts";
import type { Database } from "../store/database.ts";
import { UserStore } from "../users/user-store.ts";
import { type CaseLog, CaseStore } from "./case-store.ts";

export interface CaseWorkflow {
  readonly dataKey: DataKey;
  readonly cases: CaseStore;
  readonly users: UserStore;
  readonly accessLog: AccessLog;
  readonly scheduler: SecrecyScheduler;
}

export interface CaseWorkflowOptions {
  readonly database: Database;
  readonly log: CaseLog;
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds between secrecy checks. Default one minute. */
  readonly schedulerIntervalMs?: number;
  readonly now?: () => Date;
  /** Told (without personal data) when the scheduler could not process a case. */
  readonly onSchedulerError?: (caseId: string, error: unknown) => void;
}

/** Opens the case workflow's services; call `scheduler.start()` to run secrecy checks, `stop()` on close. */
export function openCaseWorkflow(options: CaseWorkflowOptions): CaseWorkflow {
  const dataKey = loadOrCreateDataKey(options.dataDir, options.env);
  const now = options.now ?? (() => new Date());
  const cases = new CaseStore({ db: options.database.db, log: options.log, dataKey });
  return {
    dataKey,
    cases,
    users: new UserStore({ db: options.database.db, now: () => now().getTime() }),
    accessLog: new AccessLog({ db: options.database.db, now: () => now().getTime() }),
    scheduler: new SecrecyScheduler({
      cases,
      now,
      ...(options.schedulerIntervalMs === undefined ? {} : { intervalMs: options.schedulerIntervalMs }),
      ...(options.onSchedulerError === undefined ? {} : { onError: options.onSchedulerError }),
    }),
  };
}
