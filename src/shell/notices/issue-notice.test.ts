import { describe, expect, it } from "vitest";
import { canonicalize } from "../../core/intake/canonical-json.ts";
import { FIXTURE_SALT, fixtureEvents, fixtureRequest } from "../../core/notices/notice-fixture.ts";
import { issueCaseNotice } from "./issue-notice.ts";
import type { NoticeCase } from "./notice-case-source.ts";
import type { EnqueueNotice } from "./notice-deliveries.ts";

const request = fixtureRequest();
const base: NoticeCase = {
  caseId: "case-1",
  request,
  requestJson: canonicalize(request),
  events: fixtureEvents(request),
  profile: { id: "budapest-protocol2-2022", title: "Budapest Convention, Second Protocol" },
  salt: FIXTURE_SALT,
  receivedEventId: "ev-received-1",
  laterEventIds: [],
};
const settings = {
  sender: "Example Mail Ltd",
  log: { url: "https://l.example/log", origin: "l.example/log", vkey: "k" },
};

function deps(noticeCase: NoticeCase | undefined) {
  const queued: EnqueueNotice[] = [];
  return {
    queued,
    deps: {
      cases: { noticeCase: async () => noticeCase },
      deliveries: {
        enqueueNotice: async (input: EnqueueNotice) => {
          queued.push(input);
          return "ntc-1";
        },
      },
      settings,
    },
  };
}

describe("issuing a case's notice", () => {
  it("queues the notice for e-mail, with the request attached as committed, when the address is known", async () => {
    const { deps: d, queued } = deps({ ...base, recipient: "person@home.example" });
    expect(await issueCaseNotice(d, "case-1", Date.parse("2026-11-26T00:00:00Z"))).toEqual({
      kind: "queued",
      noticeId: "ntc-1",
    });
    expect(queued[0]?.requestJson).toBe(base.requestJson);
    expect(queued[0]?.notice.issued_on).toBe("2026-11-26");
  });

  it("says when no contact is known, and refuses while the case is under secrecy or unknown", async () => {
    expect(await issueCaseNotice(deps(base).deps, "case-1", 0)).toMatchObject({ kind: "no_contact" });
    const sealed = { ...base, events: base.events.slice(0, 6) };
    await expect(issueCaseNotice(deps(sealed).deps, "case-1", 0)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(issueCaseNotice(deps(undefined).deps, "case-9", 0)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
