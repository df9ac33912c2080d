import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { webRoutes } from "./web-routes.ts";

const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';

describe("web routes", () => {
  let app: FastifyInstance | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await app?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    app = undefined;
    dir = undefined;
  });

  /** An app with an API route, a JSON not-found handler like the real app's, and the console. */
  async function serve(build: boolean): Promise<FastifyInstance> {
    dir = mkdtempSync(join(tmpdir(), "lightswitch-web-"));
    if (build) {
      mkdirSync(join(dir, "assets"));
      writeFileSync(join(dir, "index.html"), INDEX);
      writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log('console');");
    }
    app = Fastify();
    app.setNotFoundHandler(async (_request, reply) =>
      reply.code(404).send({ error: { code: "NOT_FOUND", message: "no route" } }),
    );
    app.get("/v1/profiles", async () => ({ profiles: [] }));
    await app.register(webRoutes, { distDir: dir });
    return app;
  }

  it("serves the console's index.html at / and revalidates it on every load", async () => {
    const server = await serve(true);
    const response = await server.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.body).toBe(INDEX);
  });

  it("serves hashed assets as immutable", async () => {
    const server = await serve(true);
    const response = await server.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.body).toContain("console");
  });

  it.each(["/log-explorer", "/treaties/rights-first", "/some/deep/link?x=1"])(
    "answers the app path %s with index.html (single-page fallback)",
    async (url) => {
      const server = await serve(true);
      const response = await server.inject({ method: "GET", url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(INDEX);
    },
  );

  it.each([
    "/v1/nothing-here",
    "/log/nothing-here",
    "/v1",
    "/witness/x",
    "/favicon.ico",
    "/assets/old-123.js",
  ])("leaves %s (an API path or a missing file) to the app's JSON not-found handler", async (url) => {
    const server = await serve(true);
    const response = await server.inject({ method: "GET", url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: "NOT_FOUND", message: "no route" } });
  });

  it("does not shadow API routes", async () => {
    const server = await serve(true);
    const response = await server.inject({ method: "GET", url: "/v1/profiles" });
    expect(response.json()).toEqual({ profiles: [] });
  });

  it.each(["/", "/anything"])(
    "answers %s with a plain-text 503 naming the build command when the console is not built",
    async (url) => {
      const server = await serve(false);
      const response = await server.inject({ method: "GET", url });
      expect(response.statusCode).toBe(503);
      expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(response.body).toContain("npm run build:web");
      const api = await server.inject({ method: "GET", url: "/v1/profiles" });
      expect(api.statusCode).toBe(200);
    },
  );
});
