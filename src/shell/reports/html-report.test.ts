import { describe, expect, it } from "vitest";
import { buildReport } from "../../core/reports/build-report.ts";
import { parsePeriod } from "../../core/reports/period.ts";
import { FOLDER_LINKS, renderReportHtml } from "./html-report.ts";
import { defaultPeriods } from "./static-site.ts";

const H1 = parsePeriod("2026H1");

function page(threshold: number): string {
  const report = buildReport(
    H1,
    {
      totals: [
        { dimension: "cases", key: "public", cases: 14 },
        { dimension: "requesting_state", key: "DE", cases: 12 },
        { dimension: "requesting_state", key: "IN", cases: 2 },
        { dimension: "instrument", key: "budapest-2001", cases: 14 },
        { dimension: "refusal_ground", key: "<script>alert(1)</script>", cases: 11 },
      ],
      months: [{ month: "2026-02", key: "public", cases: 14 }],
      logSize: 30,
    },
    threshold,
  );
  return renderReportHtml(report, FOLDER_LINKS);
}

describe("the HTML report", () => {
  it("is self-contained: inline SVG charts, no script, nothing loaded from the network", () => {
    const html = page(10);
    // Over time, requesting state, instrument, refusal ground; measure, verdict, outcome have no data.
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html.match(/No public cases\./g)?.length).toBe(3);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    for (const file of ["report.json", "report.csv", "google-user-data-requests.csv", "../index.html"])
      expect(html).toContain(`href="${file}"`);
  });

  it("escapes what it interpolates", () => {
    expect(page(10)).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("draws a banded count as an outlined bar labelled with the band, an exact one as a filled bar", () => {
    const html = page(10);
    expect(html).toMatch(/stroke-dasharray="3 2"\/><text[^>]*>1-9<\/text>/);
    expect(html).toContain("India (IN)");
    expect(html).toContain("Budapest Convention (2001)");
    expect(page(1)).not.toContain("1-9");
  });
});

describe("the static site's periods", () => {
  it("every year with data, then its halves with data, newest first", () => {
    expect(defaultPeriods(["2025-11", "2026-02", "2026-03"]).map((p) => p.label)).toEqual([
      "2026",
      "2026H1",
      "2025",
      "2025H2",
    ]);
    expect(defaultPeriods([])).toEqual([]);
  });
});
