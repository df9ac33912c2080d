/** Human-readable rendering of an assessment for the terminal: verdict first, then the reasons. */
import type { Assessment, Citation, Finding } from "../core/assess/assessment.ts";

const MARK: Record<Finding["outcome"], string> = { pass: "✓", fail: "✗", flag: "!", not_applicable: "·" };

function citation(c: Citation): string {
  const name = c.instrument === "iccpr-1966" ? "ICCPR" : c.instrument;
  return `${name} art. ${c.article}${c.verified === false ? " (text not verified)" : ""}`;
}

export function formatAssessment(a: Assessment, options: { signed: boolean; profileTitle: string }): string {
  const lines: string[] = [];
  lines.push(`Verdict: ${a.verdict.toUpperCase()}   (${a.request_id} under ${options.profileTitle})`);
  if (!options.signed) lines.push("Note: unsigned request, assessed for analysis only.");
  lines.push("");
  lines.push("Measures:");
  for (const m of a.measures) {
    lines.push(
      `  ${m.type.padEnd(22)} ${m.verdict}${m.requires_authorisation ? "  (needs independent authorisation)" : ""}`,
    );
  }
  lines.push("");
  lines.push("Findings:");
  for (const f of a.findings) {
    const effect = f.effect === "none" ? "" : ` → ${f.effect}`;
    const scope = f.measures === undefined ? "" : ` [${f.measures.join(", ")}]`;
    lines.push(`  ${MARK[f.outcome]} ${f.rule}${scope}: ${f.outcome}${effect}`);
    lines.push(`    ${f.explanation}`);
    if (f.citations.length > 0) lines.push(`    Cites: ${f.citations.map(citation).join("; ")}`);
  }
  lines.push("");
  lines.push(`Notice to the person: ${a.notification.explanation}`);
  lines.push(`Knowledge base: ${a.knowledge_base}`);
  return lines.join("\n");
}
