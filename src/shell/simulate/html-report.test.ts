import { describe, expect, it } from "vitest";
import { ASSESSMENT_FORMAT, type Assessment, type Verdict } from "../../core/assess/assessment.ts";
import type { Scenario } from "../../core/scenario/scenario-schema.ts";
import { buildSimulation } from "../../core/scenario/simulation.ts";
import { assessmentAnchor, renderHtml } from "./html-report.ts";

const profiles = ["strict", "lax", "middle"];
const names = ["journalist-post", "ransomware-<script>"];

function assessment(profile: string, verdict: Verdict): Assessment {
  return {
    format: ASSESSMENT_FORMAT,
    request_id: "r",
    profile,
    knowledge_base: "kb-1",
    verdict,
    measures: [{ type: "subscriber_info", verdict, requires_authorisation: false }],
    findings: [
      {
        rule: "protected-activity",
        outcome: "fail",
        effect: "refuse",
        explanation: "The conduct is <protected> expression.",
        citations: [{ instrument: "iccpr", article: "19", url: "https://example.org/iccpr#19" }],
      },
      { rule: "scope", outcome: "not_applicable", effect: "none", explanation: "n/a", citations: [] },
    ],
    notification: {
      duty: "none",
      secrecy_requested_months: 0,
      secrecy_allowed_months: null,
      explanation: "",
      citations: [],
    },
  };
}

const scenarios = names.map(
  (name, i): Scenario => ({
    name,
    document: {
      format: "lightswitch.scenario/v1",
      title: `Title ${i} & more`,
      label: i === 0 ? "abusive" : "legitimate",
      summary: "Summary.",
      sources: [{ title: "A source", url: "https://example.org/a" }, { title: "No URL" }],
      request: {} as Scenario["document"]["request"],
    },
  }),
);
const simulation = buildSimulation(profiles, [
  {
    scenario: names[0] as string,
    label: "abusive",
    verdicts: { strict: "refuse", lax: "execute", middle: "review" },
  },
  {
    scenario: names[1] as string,
    label: "legitimate",
    verdicts: { strict: "execute", lax: "execute", middle: "partial" },
  },
]);
const assessments = new Map(
  simulation.results.map((r) => [
    r.scenario,
    new Map(profiles.map((p) => [p, assessment(p, r.verdicts[p] as Verdict)])),
  ]),
);
const html = renderHtml({ simulation, scenarios, assessments });

describe("the HTML report", () => {
  it("draws one chart per profile, as inline SVG", () => {
    expect(html.match(/<figure class="chart"/g)).toHaveLength(profiles.length);
    for (const p of profiles) expect(html).toContain(`data-profile="${p}"`);
    expect(html).not.toMatch(/<script|src="http/);
  });

  it("links every matrix cell to an anchor holding that assessment's findings and citations", () => {
    const links = [...html.matchAll(/<td class="v v-\w+"><a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(links).toHaveLength(names.length * profiles.length);
    for (const anchor of links) expect(html).toContain(`id="${anchor}"`);
    const section = html.slice(html.indexOf(`id="${assessmentAnchor(names[0] as string, "strict")}"`));
    expect(section).toContain("protected-activity");
    expect(section).toContain('href="https://example.org/iccpr#19"');
  });

  it("lists the corpus' sources", () => {
    expect(html).toContain('<a href="https://example.org/a">A source</a>');
    expect(html).toContain("<li>No URL</li>");
  });

  it("escapes everything it interpolates", () => {
    expect(html).not.toContain("<protected>");
    expect(html).toContain("&lt;protected&gt;");
    expect(html).not.toContain("ransomware-<script>");
  });
});
