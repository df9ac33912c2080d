/**
 * The access log: every read of a case's personal data (who, with which role, which case, when, which
 * fields, through which route), written before the data is returned, so a read that is not logged does
 * not happen. Auditors read it (DESIGN §2: "every access anyone makes is visible to them").
 */
import type { Kysely } from "kysely";
import { type CaseDB, withCaseTables } from "../cases/case-tables.ts";
import type { DB } from "../store/schema.ts";

export interface AccessRecord {
  readonly user_id: string;
  readonly role: string;
  readonly case_id: string;
  readonly fields: readonly string[];
  readonly purpose: string;
}

export interface AccessLogEntry extends AccessRecord {
  readonly seq: number;
  readonly at: string;
}

export interface AccessLogQuery {
  readonly caseId?: string | undefined;
  readonly userId?: string | undefined;
  readonly afterSeq?: number | undefined;
  readonly limit?: number | undefined;
}

export class AccessLog {
  readonly #db: Kysely<CaseDB>;
  readonly #now: () => number;

  constructor(options: { db: Kysely<DB>; now?: () => number }) {
    this.#db = withCaseTables(options.db);
    this.#now = options.now ?? Date.now;
  }

  /** Records one read; resolves once it is stored. */
  async record(access: AccessRecord): Promise<void> {
    await this.#db
      .insertInto("access_log")
      .values({
        at: this.#now(),
        user_id: access.user_id,
        role: access.role,
        case_id: access.case_id,
        fields: JSON.stringify(access.fields),
        purpose: access.purpose,
      })
      .execute();
  }

  /** Entries in order, after `afterSeq`, optionally for one case or one user. */
  async list(query: AccessLogQuery = {}): Promise<AccessLogEntry[]> {
    let select = this.#db
      .selectFrom("access_log")
      .selectAll()
      .where("seq", ">", query.afterSeq ?? 0);
    if (query.caseId !== undefined) select = select.where("case_id", "=", query.caseId);
    if (query.userId !== undefined) select = select.where("user_id", "=", query.userId);
    const rows = await select
      .orderBy("seq")
      .limit(query.limit ?? 100)
      .execute();
    return rows.map((row) => ({
      seq: Number(row.seq),
      at: new Date(Number(row.at)).toISOString(),
      user_id: row.user_id,
      role: row.role,
      case_id: row.case_id,
      fields: JSON.parse(row.fields) as string[],
      purpose: row.purpose,
    }));
  }
}
