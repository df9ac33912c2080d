import { describe, expect, it } from "vitest";
import { openCaseWorkflow, PASSWORD } from "../../../../test/support/case-workflow-app.ts";
import { testDialects } from "../../../../test/support/databases.ts";

const [dialect] = testDialects;

describe("server logs", () => {
  it("carry no personal data: no bodies, passwords, tokens, reasons, request contents, ids or codes in URLs", async () => {
    const lines: string[] = [];
    const f = await openCaseWorkflow(dialect!, {
      logger: { level: "trace", stream: { write: (line: string) => lines.push(line) } },
    });
    try {
      const id = await f.seedCase();
      const login = await f.app.inject({
        method: "POST",
        url: "/v1/sessions",
        payload: { email: "case_worker@example.org", password: PASSWORD },
      });
      const token = login.json().token as string;
      const headers = { authorization: `Bearer ${token}` };
      await f.app.inject({ url: `/v1/cases/${id}`, headers });
      await f.app.inject({
        method: "POST",
        url: `/v1/cases/${id}/commands`,
        headers,
        payload: { kind: "start_review" },
      });
      await f.app.inject({
        method: "POST",
        url: `/v1/cases/${id}/commands`,
        headers,
        payload: {
          kind: "decide",
          decision: "refuse",
          reason: "Ana Silva is a journalist, protected.",
          grounds: [],
        },
      });
      await f.app.inject({
        method: "POST",
        url: `/v1/cases/${id}/commands`,
        headers,
        payload: { kind: "nonsense", x: "Ana Silva" },
      });
      // A filter in a query (the access log, by the user it is about).
      const audit = await f.app.inject({ url: "/v1/access-log?user=someone-watched", headers });
      expect(audit.statusCode).not.toBe(404);
      const text = lines.join("");
      expect(lines.length).toBeGreaterThan(4);
      // Requests are logged by their route's pattern, not their URL: no case id, no code, no query.
      expect(text).toContain('"route":"/v1/cases/:id"');
      for (const path of [id, "someone-watched"]) expect(text).not.toContain(path);
      for (const secret of [
        PASSWORD,
        token,
        "case_worker@example.org",
        "Ana Silva",
        "payme@example.net",
        "hospital",
      ])
        expect(text).not.toContain(secret);
    } finally {
      await f.cleanup();
    }
  });
});
