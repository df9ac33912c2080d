import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/support/databases.ts";
import {
  exampleRequest,
  openTestCaseService,
  type TestCaseService,
} from "../../test/support/test-case-service.ts";

describe("the server's request log", () => {
  const lines: string[] = [];
  let t: TestCaseService;
  beforeAll(async () => {
    t = await openTestCaseService(testDialects[0]!, {
      logger: { level: "info", stream: { write: (line: string) => lines.push(line) } },
    });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("names each request by its route's pattern, never by the URL's codes, ids or query", async () => {
    const accepted = await t.app.inject({
      method: "POST",
      url: "/v1/requests",
      payload: t.signed(exampleRequest()),
    });
    expect(accepted.statusCode).toBe(201);
    // A notice code on a route this server does not have (404), a tile the log does not have yet (404), a
    // journal page after a cursor that is not one (400).
    await t.app.inject({ url: "/v1/notices/LSN1.secret-event-id.secret-salt.check/verify" });
    await t.app.inject({ url: "/log/tile/0/000" });
    await t.app.inject({ url: "/v1/intake-journal?limit=7&after=secret-after" });
    const text = lines.join("");
    expect(text).toContain('"route":"/v1/requests"');
    expect(text).toContain('"route":"/log/tile/*"');
    expect(text).toContain('"route":"(no route)"');
    // One line per request, once answered, with its status.
    const answered = lines.map((line) => JSON.parse(line) as { msg: string; res?: { statusCode: number } });
    expect(answered.filter((l) => l.msg === "incoming request")).toEqual([]);
    expect(answered.filter((l) => l.msg === "request answered").map((l) => l.res?.statusCode)).toEqual([
      201, 404, 404, 400,
    ]);
    for (const secret of ["secret-event-id", "secret-after", "tile/0/000", accepted.json().case_id])
      expect(text).not.toContain(secret);
  });
});
