/**
 * Opening the log from CLI options: the data dir holds the key (`log.key`) and, unless a PostgreSQL
 * URL is given, the embedded store (`store.sqlite`, shared with the case service).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Database, openDatabase } from "../store/database.ts";

export interface DataOptions {
  readonly data: string;
  readonly databaseUrl?: string;
}

export async function openDataDatabase(options: DataOptions): Promise<Database> {
  mkdirSync(options.data, { recursive: true, mode: 0o700 });
  return options.databaseUrl === undefined
    ? openDatabase({ sqlitePath: join(options.data, "store.sqlite") })
    : openDatabase({ postgresUrl: options.databaseUrl });
}
