/**
 * Wiring of the case service on one data directory: the store (DATA/lightswitch.sqlite, or PostgreSQL
 * when a URL is given), the log (key DATA/log.key), the data key for personal data at rest
 * (LIGHTSWITCH_DATA_KEY or DATA/keys/data.key), the key directory, and intake, which opens each
 * accepted case in the case workflow. What `lightswitch
 * serve`, the `authorities` commands, the tests and the bench open.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { AuthorityDirectory } from "../authorities/authority-directory.ts";
import { CaseStore } from "../cases/case-store.ts";
import { intakeCaseOpener } from "../cases/record-intake-case.ts";
import { decryptPersonalData, encryptPersonalData, loadOrCreateDataKey } from "../crypto/personal-data.ts";
import { loadShippedLaw, type ShippedLaw } from "../kb/load-shipped-law.ts";
import { loadOrCreateLogKey } from "../log/log-keys.ts";
import type { LogService } from "../log/log-service.ts";
import { openLogService } from "../log/log-service.ts";
import { type Database, openDatabase } from "../store/database.ts";
import { IntakeService, type IntakeServiceOptions } from "./intake-service.ts";
import { withIntakeTables } from "./intake-tables.ts";
import { IntakeWorkers } from "./intake-workers.ts";

export interface StoreLocation {
  /** Data directory (created if missing): SQLite file, log key, data key, demo keys. */
  readonly dataDir: string;
  /** PostgreSQL instead of the embedded SQLite file. */
  readonly databaseUrl?: string | undefined;
}

export interface CaseService {
  readonly database: Database;
  readonly law: ShippedLaw;
  readonly log: LogService;
  readonly directory: AuthorityDirectory;
  readonly intake: IntakeService;
  /** Intake's worker threads, if any. */
  readonly intakeWorkers: IntakeWorkers | undefined;
  close(): Promise<void>;
}

/** Opens (creating and migrating if needed) the store of a data directory. */
export async function openStore(
  location: StoreLocation,
  options: { readonly backgroundCheckpoints?: boolean } = {},
): Promise<Database> {
  mkdirSync(location.dataDir, { recursive: true });
  return location.databaseUrl === undefined
    ? openDatabase({
        sqlitePath: join(location.dataDir, "lightswitch.sqlite"),
        backgroundCheckpoints: options.backgroundCheckpoints === true,
      })
    : openDatabase({ postgresUrl: location.databaseUrl });
}

/** Opens the key directory alone (for the `authorities` commands). */
export function openDirectory(database: Database): AuthorityDirectory {
  return new AuthorityDirectory(withIntakeTables(database.db));
}

export interface CaseServiceOptions extends StoreLocation {
  /** An already open store (tests); otherwise opened from the location and closed with the service. */
  readonly database?: Database;
  /** Milliseconds between log batches of case commands' records (intake sequences its own records in
   * its group commits). Default 50. */
  readonly logIntervalMs?: number;
  readonly lawDir?: string;
  readonly rateLimit?: IntakeServiceOptions["rateLimit"];
  readonly personalData?: IntakeServiceOptions["personalData"];
  /** Worker threads preparing submissions (verify, assess, seal); 0 (default) prepares on the main thread. */
  readonly intakeWorkers?: number;
}

export async function openCaseService(options: CaseServiceOptions): Promise<CaseService> {
  // A service runs long: SQLite's WAL is checkpointed by a worker thread, not by the committing one.
  const database = options.database ?? (await openStore(options, { backgroundCheckpoints: true }));
  const law = loadShippedLaw(options.lawDir);
  const log = await openLogService({
    database,
    key: loadOrCreateLogKey(options.dataDir),
    intervalMs: options.logIntervalMs ?? 50,
  });
  const directory = openDirectory(database);
  const dataKey = loadOrCreateDataKey(options.dataDir);
  const caseStore = new CaseStore({ db: database.db, log, dataKey });
  const workers =
    (options.intakeWorkers ?? 0) > 0
      ? new IntakeWorkers({ count: options.intakeWorkers ?? 0, dataKey, lawDir: options.lawDir })
      : undefined;
  if (workers !== undefined && options.personalData !== undefined)
    throw new Error("intake workers seal with the data key: personalData cannot be substituted with workers");
  const intake = new IntakeService({
    workers,
    db: withIntakeTables(database.db),
    directory,
    law,
    openCase: intakeCaseOpener(dataKey, caseStore, log.sequencer),
    personalData: {
      seal: (plaintext, context) => encryptPersonalData(dataKey, plaintext, context),
      open: (stored, context) => decryptPersonalData(dataKey, stored, context),
    },
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    // Tests may substitute the sealing of personal data at rest (AES-256-GCM under the data key).
    ...(options.personalData === undefined ? {} : { personalData: options.personalData }),
  });
  return {
    database,
    law,
    log,
    directory,
    intake,
    intakeWorkers: workers,
    async close() {
      await workers?.close();
      await log.close();
      if (options.database === undefined) await database.close();
    },
  };
}
