/** `GET /v1/openapi.json` (OpenAPI 3.1, generated from the routes' zod schemas) and `GET /v1/docs`. */
import type { FastifyPluginAsync } from "fastify";

interface OpenApiDocument {
  readonly info?: { readonly title?: string; readonly description?: string };
  readonly paths?: Record<string, Record<string, { readonly summary?: string }>>;
}

export const docsRoute: FastifyPluginAsync = async (app) => {
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/docs", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(renderDocsPage(app.swagger() as OpenApiDocument)),
  );
};

/** A plain page listing every operation of the document (no client-side code). */
export function renderDocsPage(document: OpenApiDocument): string {
  const rows = Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.entries(operations).map(
      ([method, operation]) =>
        `<tr><td><code>${escapeHtml(method.toUpperCase())}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(operation.summary ?? "")}</td></tr>`,
    ),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(document.info?.title ?? "API")}</title></head>
<body>
<h1>${escapeHtml(document.info?.title ?? "API")}</h1>
<p>${escapeHtml(document.info?.description ?? "")}</p>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).</p>
<table border="1" cellpadding="4"><thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</body></html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
