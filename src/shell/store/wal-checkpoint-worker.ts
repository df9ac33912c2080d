/**
 * Worker thread of the embedded store's background checkpoints (wal-checkpointer.ts): its own
 * connection to the database file runs a PASSIVE checkpoint every `intervalMs`, copying committed WAL
 * frames into the database file (and fsyncing it) off the main thread. Inert unless started as that
 * worker.
 */

import { isMainThread, parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";

export interface CheckpointWorkerData {
  readonly kind: "lightswitch-wal-checkpointer";
  readonly path: string;
  readonly intervalMs: number;
}

function isCheckpointWorkerData(data: unknown): data is CheckpointWorkerData {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { kind?: unknown }).kind === "lightswitch-wal-checkpointer"
  );
}

if (!isMainThread && parentPort !== null && isCheckpointWorkerData(workerData)) {
  const port = parentPort;
  const db = new BetterSqlite3(workerData.path);
  db.pragma("busy_timeout = 1000");
  db.pragma("synchronous = FULL");
  const checkpoint = () => {
    try {
      db.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // Busy or interrupted: the next round (or the writer's own automatic checkpoint) catches up.
    }
  };
  const timer = setInterval(checkpoint, workerData.intervalMs);
  port.on("message", (message: unknown) => {
    if (message !== "stop") return;
    clearInterval(timer);
    checkpoint();
    db.close();
    port.close();
  });
}
