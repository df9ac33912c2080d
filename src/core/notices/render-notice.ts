/**
 * A notice as plain text (the e-mail body) and as a self-contained HTML page that prints well
 * (CSS @media print: A4 margins, black on white, no page break inside a section, the code wrapped
 * in a monospace box). Every value is escaped: request fields come from a foreign authority.
 */
import type { Notice } from "./compose-notice.ts";

/** Plain text, lines of at most ~100 characters where words allow, ending in a newline. */
export function renderNoticeText(notice: Notice): string {
  const lines: string[] = [notice.subject, "=".repeat(Math.min(notice.subject.length, 100)), ""];
  lines.push(`Issued on ${notice.issued_on}.`, "", wrap(notice.greeting), "");
  for (const section of notice.sections) {
    lines.push(section.heading, "-".repeat(section.heading.length));
    for (const paragraph of section.paragraphs) lines.push(wrap(paragraph));
    for (const item of section.items) lines.push(wrap(`- ${item}`, "  "));
    if (section.commands !== undefined && section.commands.length > 0)
      lines.push("", ...section.commands.map((command) => `    ${command}`));
    lines.push("");
  }
  lines.push(`Notice code: ${notice.code}`, "");
  return lines.join("\n");
}

function wrap(text: string, indent = ""): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > 100) {
      out.push(line);
      line = indent + word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.join("\n");
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = `
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #999; }
.issued { color: #444; margin-top: 0; }
.command { white-space: pre-wrap; word-break: break-all; font-size: .85rem; background: #f3f3f3; border: 1px solid #bbb; padding: .5rem; }
.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; background: #f3f3f3; border: 1px solid #bbb; padding: .5rem; }
section li { margin-bottom: .25rem; word-break: break-word; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { font-size: 11pt; margin: 0; max-width: none; color: #000; }
  section { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .code, .command { background: none; border: 1px solid #000; }
  a { color: #000; text-decoration: none; }
}`;

/** A complete, self-contained HTML5 page (no scripts, no external resources). */
export function renderNoticeHtml(notice: Notice): string {
  const sections = notice.sections
    .map((section) => {
      const paragraphs = section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
      const items =
        section.items.length === 0
          ? ""
          : `<ul>\n${section.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("\n")}\n</ul>`;
      const commands = (section.commands ?? [])
        .map((c) => `<pre class="command">${escapeHtml(c)}</pre>`)
        .join("\n");
      return `<section id="${section.id}">\n<h2>${escapeHtml(section.heading)}</h2>\n${paragraphs}\n${items}\n${commands}\n</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(notice.subject)}</title>
<style>${STYLE}
</style>
</head>
<body>
<h1>${escapeHtml(notice.subject)}</h1>
<p class="issued">Issued on ${escapeHtml(notice.issued_on)}.</p>
<p>${escapeHtml(notice.greeting)}</p>
<p>Notice code:</p>
<p class="code">${escapeHtml(notice.code)}</p>
${sections}
</body>
</html>
`;
}
