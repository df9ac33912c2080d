import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/support/databases.ts";
import {
  exampleRequest,
  openTestCaseService,
  type TestCaseService,
} from "../../test/support/test-case-service.ts";

describe("the HTTP app", () => {
  let t: TestCaseService;
  beforeAll(async () => {
    t = await openTestCaseService(testDialects[0]!);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("serves an OpenAPI 3.1 document describing signed intake, with its named schemas", async () => {
    const response = await t.app.inject({ method: "GET", url: "/v1/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/v1/requests",
        "/v1/assess",
        "/v1/profiles",
        "/v1/intake-journal",
        "/log/checkpoint",
      ]),
    );
    expect(Object.keys(document.paths["/v1/requests"].post.responses)).toEqual(
      expect.arrayContaining(["200", "201", "400", "401", "409", "413", "429"]),
    );
    expect(document.components.schemas).toHaveProperty("SignedRequest");
    expect(document.components.schemas).toHaveProperty("Request");
  });

  it("serves a docs page listing the endpoints, and a home page linking to it and the log", async () => {
    const docs = await t.app.inject({ method: "GET", url: "/v1/docs" });
    expect(docs.headers["content-type"]).toMatch(/^text\/html/);
    expect(docs.body).toContain("<code>/v1/requests</code>");
    const home = await t.app.inject({ method: "GET", url: "/" });
    expect(home.body).toContain('href="/v1/docs"');
    expect(home.body).toContain('href="/log/checkpoint"');
  });

  it("mounts the simulation of the scenario corpus under /v1", async () => {
    const response = await t.app.inject({ method: "GET", url: "/v1/simulation/scenarios" });
    expect(response.statusCode).toBe(200);
  });

  it("lists the shipped profiles", async () => {
    const response = await t.app.inject({ method: "GET", url: "/v1/profiles" });
    expect(response.json().profiles.map((p: { id: string }) => p.id)).toContain("rights-first");
  });

  it("assesses an unsigned request under the profile asked for, storing nothing", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/assess?profile=rights-first",
      payload: exampleRequest(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ format: "lightswitch.assessment/v1", profile: "rights-first" });
    expect(response.json().findings.length).toBeGreaterThan(0);
    const journal = await t.app.inject({ method: "GET", url: "/v1/intake-journal" });
    expect(journal.json().entries).toEqual([]);
  });

  it("refuses an invalid request to assess with 400 naming the field", async () => {
    const request = exampleRequest();
    delete request["measures"];
    const response = await t.app.inject({ method: "POST", url: "/v1/assess", payload: request });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "INVALID_REQUEST",
      issues: [{ path: "measures", message: expect.any(String) }],
    });
  });

  it.each([
    ["an unknown profile", "/v1/assess?profile=nope", "UNKNOWN_PROFILE", 404],
    ["an unknown route", "/v1/nothing-here", "NOT_FOUND", 404],
  ])("answers %s with the one error body", async (_name, url, code, status) => {
    const response = await t.app.inject({ method: "POST", url, payload: exampleRequest() });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it("refuses a bad query parameter with 400 naming it", async () => {
    const response = await t.app.inject({ method: "GET", url: "/v1/intake-journal?limit=0" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "limit" }] });
  });
});
