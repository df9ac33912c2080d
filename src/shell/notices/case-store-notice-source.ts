/**
 * The notices' view of a case (NoticeCaseSource), read from intake's `cases` row (the request and
 * assessment, decrypted with the data key; the commitment salt) and the case event store (events and the
 * ids of the case's public records). No e-mail address is known for the person concerned: the request
 * format carries none, so notices go out on paper from the printable page unless one is added.
 */
import type { Kysely } from "kysely";
import type { Assessment } from "../../core/assess/assessment.ts";
import { parseRequest } from "../../core/request/parse-request.ts";
import type { CaseStore } from "../cases/case-store.ts";
import { caseColumnContext, type DataKey, decryptPersonalData } from "../crypto/personal-data.ts";
import { withIntakeTables } from "../intake/intake-tables.ts";
import type { ShippedLaw } from "../kb/load-shipped-law.ts";
import type { DB } from "../store/schema.ts";
import type { NoticeCase, NoticeCaseSource } from "./notice-case-source.ts";

export function caseStoreNoticeSource(deps: {
  readonly db: Kysely<DB>;
  readonly cases: CaseStore;
  readonly dataKey: DataKey;
  readonly law: ShippedLaw;
}): NoticeCaseSource {
  const db = withIntakeTables(deps.db);
  return {
    async noticeCase(caseId: string): Promise<NoticeCase | undefined> {
      const row = await db
        .selectFrom("cases")
        .select(["request_json", "assessment_json", "commitment_salt", "profile"])
        .where("case_id", "=", caseId)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const requestJson = decryptPersonalData(
        deps.dataKey,
        row.request_json,
        caseColumnContext(caseId, "request_json"),
      );
      const assessment = JSON.parse(
        decryptPersonalData(deps.dataKey, row.assessment_json, caseColumnContext(caseId, "assessment_json")),
      ) as Assessment;
      const stored = await deps.cases.load(caseId);
      const entries = await deps.cases.logEntries(caseId);
      const received = entries.find((e) => e.type === "received");
      if (received === undefined) return undefined;
      return {
        caseId,
        request: parseRequest(JSON.parse(requestJson)),
        requestJson,
        events: stored.events,
        assessment,
        profile: { id: row.profile, title: deps.law.profiles.get(row.profile)?.title ?? row.profile },
        salt: Buffer.from(row.commitment_salt, "hex"),
        receivedEventId: received.event_id,
        laterEventIds: entries.filter((e) => e !== received).map((e) => e.event_id),
      };
    },
  };
}
