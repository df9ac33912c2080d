/**
 * A horizontal bar chart of counts (Observable Plot, static SVG), banded counts drawn lighter at the
 * top of their band, with the same numbers as a table for screen readers and for copying.
 */
import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";
import { type Count, formatCount, upperBound } from "../report-types.ts";
import { strings } from "../strings.ts";

export interface CountRow {
  readonly key: string;
  readonly label: string;
  readonly count: Count;
}

const EXACT = "#1a4d8f";
const BANDED = "#9fb6d6";

export function CountBars({
  title,
  rows,
  keyHeading,
}: {
  title: string;
  rows: readonly CountRow[];
  keyHeading: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (rows.length === 0) return;
    const data = rows.map((row) => ({
      label: row.label,
      value: upperBound(row.count),
      text: formatCount(row.count),
      banded: typeof row.count !== "number",
    }));
    const longest = Math.max(...data.map((d) => d.label.length));
    // Drawn at the width the card has (phones included), rather than scaled down with its text.
    const width = Math.max(260, Math.min(640, container.current?.clientWidth ?? 520));
    const marginLeft = Math.min(Math.round(width * 0.45), 12 + longest * 6.5);
    // Labels too long for the margin end in "…"; the table below has them in full.
    const maxChars = Math.floor((marginLeft - 12) / 6.5);
    const chart = Plot.plot({
      width,
      height: 8 + rows.length * 24,
      marginTop: 4,
      marginBottom: 4,
      marginLeft,
      marginRight: 48,
      style: { fontSize: "12px", background: "transparent" },
      ariaLabel: title,
      x: { label: null, axis: null },
      y: {
        label: null,
        domain: data.map((d) => d.label),
        tickFormat: (label: string) => (label.length > maxChars ? `${label.slice(0, maxChars - 1)}…` : label),
      },
      marks: [
        Plot.barX(data, {
          x: "value",
          y: "label",
          fill: (d: { banded: boolean }) => (d.banded ? BANDED : EXACT),
          inset: 2,
        }),
        Plot.text(data, { x: "value", y: "label", text: "text", textAnchor: "start", dx: 4 }),
        Plot.ruleX([0]),
      ],
    });
    container.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [rows, title]);

  return (
    <figure className="chart count-chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="status status-empty">{strings.report.noData}</p>
      ) : (
        <>
          <div ref={container} className="chart-svg" aria-hidden="true" />
          <details>
            <summary>{strings.report.showTable}</summary>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{keyHeading}</th>
                  <th scope="col">{strings.report.cases}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td>{formatCount(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
