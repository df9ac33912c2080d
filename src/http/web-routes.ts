/**
 * The web console (issue 6) as a Fastify plugin mounted at `/`: the Vite build in `web/dist`, served by
 * @fastify/static. Hashed assets (`/assets/*`) are immutable; `index.html` is revalidated on every load
 * so a new build shows up at once. Any other GET that is neither an API path nor a file name gets
 * `index.html` (single-page app fallback), so a deep link or a reload never ends on a 404. API paths
 * (`/v1`, `/log`, …) and missing files go to the app's own not-found handler, whose JSON error clients
 * expect.
 *
 * If the build is missing (a checkout without `npm install`), every page answers 503 in plain text
 * telling the operator how to build it; the API keeps working.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:web` writes the console. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Path prefixes owned by the API: never answered with the console's index.html. */
export const DEFAULT_API_PREFIXES: readonly string[] = ["/v1", "/log", "/witness"];

export interface WebRoutesOptions {
  /** The built console (default: `web/dist` of this checkout). */
  readonly distDir?: string;
  /** Paths under these prefixes fall through to the app's not-found handler. */
  readonly apiPrefixes?: readonly string[];
}

/** The plain-text page served while the console is not built. */
export function missingBuildMessage(distDir: string): string {
  return [
    "Lightswitch: the web console is not built.",
    "",
    `Expected ${join(distDir, "index.html")}, which is missing.`,
    "Build it with:",
    "",
    "    npm run build:web",
    "",
    "(npm install also builds it), then restart the server. The API (/v1) and the log (/log) work meanwhile.",
    "",
  ].join("\n");
}

function isApiPath(url: string, prefixes: readonly string[]): boolean {
  const path = url.split("?")[0] ?? url;
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function isFilePath(url: string): boolean {
  const path = url.split("?")[0] ?? url;
  return /\.[A-Za-z0-9]{1,8}$/.test(path.slice(path.lastIndexOf("/") + 1));
}

export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, options) => {
  const distDir = options.distDir ?? DEFAULT_WEB_DIST;
  const apiPrefixes = options.apiPrefixes ?? DEFAULT_API_PREFIXES;
  const hasBuild = existsSync(join(distDir, "index.html"));

  const notBuilt = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(503)
      .header("content-type", "text/plain; charset=utf-8")
      .header("cache-control", "no-store")
      .send(missingBuildMessage(distDir));

  if (hasBuild) {
    // wildcard:false registers one route per built file (and `/` for index.html), leaving `/*` to us.
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      schemaHide: true,
      setHeaders: (reply, path) => {
        // Vite puts a content hash in every asset's name, so an asset never changes.
        reply.header(
          "cache-control",
          path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  } else {
    app.get("/", { schema: { hide: true } }, notBuilt);
  }

  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    // A missing file (favicon.ico, an old asset) is a 404, not the page: only app paths fall back.
    if (isApiPath(request.url, apiPrefixes) || isFilePath(request.url)) return reply.callNotFound();
    if (!hasBuild) return notBuilt(request, reply);
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
};
