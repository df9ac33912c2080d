import { describe, expect, it } from "vitest";
import type { Assessment } from "../assess/assessment.ts";
import { composeNotice, NOTICE_SECTIONS } from "./compose-notice.ts";
import { isNoticeError } from "./notice-error.ts";
import { FIXTURE_PACKAGE, fixtureEvents, fixtureNoticeInput, fixtureRequest } from "./notice-fixture.ts";
import { renderNoticeHtml, renderNoticeText } from "./render-notice.ts";

function section(notice: ReturnType<typeof composeNotice>, id: (typeof NOTICE_SECTIONS)[number]): string {
  const found = notice.sections.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no section ${id}`);
  return [found.heading, ...found.paragraphs, ...found.items, ...(found.commands ?? [])].join("\n");
}

const assessment = {
  findings: [
    {
      rule: "good-faith",
      outcome: "flag",
      effect: "review",
      explanation: "The conduct may be security research.",
      citations: [{ instrument: "budapest-2001", article: "2" }],
    },
  ],
} as unknown as Assessment;

describe("the notice to the person concerned", () => {
  const notice = composeNotice(fixtureNoticeInput({ assessment }));

  it("has every section, in order", () => {
    expect(notice.sections.map((s) => s.id)).toEqual([...NOTICE_SECTIONS]);
  });

  it("says what was requested: the measures, their periods and the identifiers", () => {
    const text = section(notice, "requested");
    expect(text).toContain("subscriber information");
    expect(text).toContain("traffic data");
    expect(text).toContain("2026-09-01 to 2026-09-30");
    expect(text).toContain("payme@example.net");
    expect(text).toContain("Extortion by ransomware");
  });

  it("says who asked, and whom", () => {
    const text = section(notice, "requester");
    expect(text).toContain("Paris Public Prosecutor");
    expect(text).toContain("FR");
    expect(text).toContain("Example Mail Ltd");
  });

  it("names the instrument invoked, its articles and the profile applied", () => {
    const text = section(notice, "instrument");
    expect(text).toContain("budapest-protocol2-2022, article(s) 7");
    expect(text).toContain("Budapest Convention, Second Protocol");
  });

  it("says what was decided and why, with the grounds explained and cited, and why it was secret", () => {
    const text = section(notice, "decision");
    expect(text).toContain("approved");
    expect(text).toContain("no good-faith exemption applies");
    expect(text).toContain("good-faith: The conduct may be security research. (budapest-2001 art. 2)");
    expect(text).toContain("dropped");
    expect(text).toContain("Disclosure would alert the suspect.");
  });

  it("says what data left, with the package's hash", () => {
    const text = section(notice, "data");
    expect(text).toContain(FIXTURE_PACKAGE);
    expect(text).toContain("secure portal");
  });

  it("says that no data left when the request was refused and nothing was executed", () => {
    const events = fixtureEvents().filter((e) => e.type === "received" || e.type === "assessed");
    const refused = composeNotice(fixtureNoticeInput({ events }));
    expect(section(refused, "data")).toContain("No data about you was handed over");
    expect(section(refused, "decision")).toContain("No person recorded a decision");
  });

  it("gives remedies without inventing law, and names an oversight body when the sender has one", () => {
    const text = section(notice, "remedies");
    expect(text).toContain("data-protection authority");
    expect(text).toContain("not legal advice");
    expect(text).toContain("notice code");
    const withBody = composeNotice(
      fixtureNoticeInput({ oversight: { name: "Data Protection Commission", contact: "info@dpc.example" } }),
    );
    expect(section(withBody, "remedies")).toContain("Data Protection Commission (info@dpc.example)");
  });

  it("explains how to verify: the code, the log, its key and the command", () => {
    const text = section(notice, "verification");
    expect(text).toContain(notice.code);
    expect(text).toContain("log.example/log+01234567+AQ");
    expect(text).toContain(`npx lightswitch notice verify ${notice.code} --url https://log.example/log`);
    expect(text).toContain("lookup?event=case-0001%2Freceived");
    const withConsole = composeNotice(fixtureNoticeInput({ consoleUrl: "https://lightswitch.example/" }));
    expect(section(withConsole, "verification")).toContain(
      `Or open https://lightswitch.example/#/notice/${notice.code} in a web browser`,
    );
    const listed = composeNotice(fixtureNoticeInput({ caseEventIds: ["ev-assessed-1", "ev-disclosed-1"] }));
    expect(section(listed, "verification")).toContain(
      "--request request.json --event ev-assessed-1 --event ev-disclosed-1",
    );
  });

  it("refuses a case without a received event, or the events of another request", () => {
    const none = () => composeNotice(fixtureNoticeInput({ events: [] }));
    expect(none).toThrow();
    try {
      none();
    } catch (error) {
      expect(isNoticeError(error, "NOTICE_INPUT_INVALID")).toBe(true);
    }
    const other = fixtureRequest();
    expect(() => composeNotice(fixtureNoticeInput({ request: { ...other, id: "another-request" } }))).toThrow(
      /not another-request/,
    );
  });

  it("renders as text with the code, and as printable, escaped HTML", () => {
    const text = renderNoticeText(notice);
    expect(text).toContain(`Notice code: ${notice.code}`);
    for (const s of notice.sections) expect(text).toContain(s.heading);
    const hostile = composeNotice(fixtureNoticeInput({ sender: "<script>alert(1)</script>" }));
    const html = renderNoticeHtml(hostile);
    expect(html).toContain("@media print");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain(notice.code);
  });
});
