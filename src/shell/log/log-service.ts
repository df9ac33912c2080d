/**
 * Wiring of one log: store + key + sequencer + reader (+ optional witness collection). This is what
 * `lightswitch log serve` and the future `lightswitch serve` open.
 */
import { signCheckpoint } from "../../core/log/checkpoint.ts";
import type { Database } from "../store/database.ts";
import type { LogKey } from "./log-keys.ts";
import { LogReader } from "./log-reader.ts";
import { LogStore, type StoredCheckpoint } from "./log-store.ts";
import { Sequencer } from "./sequencer.ts";

export interface LogServiceOptions {
  readonly database: Database;
  readonly key: LogKey;
  readonly intervalMs?: number;
  readonly maxBatch?: number;
  readonly onCheckpoint?: (checkpoint: StoredCheckpoint, service: LogService) => void;
}

export interface LogService {
  readonly origin: string;
  readonly vkey: string;
  readonly store: LogStore;
  readonly reader: LogReader;
  readonly sequencer: Sequencer;
  close(): Promise<void>;
}

export async function openLogService(options: LogServiceOptions): Promise<LogService> {
  const store = new LogStore(options.database.db, options.database.dialect);
  const { key } = options;
  let service: LogService | undefined;
  const sequencer = await Sequencer.start({
    store,
    signCheckpoint: (size, rootHash) =>
      signCheckpoint({ origin: key.origin, size, rootHash, extensions: [] }, [key.signer]),
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
    onCheckpoint: (checkpoint) => {
      if (service !== undefined) options.onCheckpoint?.(checkpoint, service);
    },
  });
  service = {
    origin: key.origin,
    vkey: key.vkey,
    store,
    reader: new LogReader(store),
    sequencer,
    close: () => sequencer.close(),
  };
  return service;
}
