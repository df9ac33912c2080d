/** A log service on a fresh test database with a throwaway key, for route and CLI tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrCreateLogKey } from "../../src/shell/log/log-keys.ts";
import { type LogService, openLogService } from "../../src/shell/log/log-service.ts";
import type { TestDialect } from "./databases.ts";

export interface TestLog {
  readonly service: LogService;
  /** Appends entries `entry <from>` … `entry <to−1>` and waits until they are in a checkpoint. */
  append(from: number, to: number, eventId?: (i: number) => string | undefined): Promise<void>;
  cleanup(): Promise<void>;
}

export const testEntry = (i: number): Uint8Array => Buffer.from(`entry ${i}`);

export async function openTestLog(dialect: TestDialect, origin = "test.example/log"): Promise<TestLog> {
  const database = await dialect.open();
  const keyDir = mkdtempSync(join(tmpdir(), "lightswitch-key-"));
  const service = await openLogService({
    database,
    key: loadOrCreateLogKey(keyDir, origin),
    intervalMs: 60_000,
  });
  return {
    service,
    async append(from, to, eventId) {
      const acks: Array<Promise<unknown>> = [];
      for (let i = from; i < to; i++) {
        const id = eventId?.(i);
        acks.push(service.sequencer.append(testEntry(i), id === undefined ? {} : { eventId: id }));
      }
      await service.sequencer.flush();
      await Promise.all(acks);
    },
    async cleanup() {
      await service.close();
      await database.cleanup();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
