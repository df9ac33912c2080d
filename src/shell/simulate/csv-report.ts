/** The scenario × profile matrix as CSV (RFC 4180: CRLF line ends; fields with , " CR or LF are quoted, " doubled). */
import type { Simulation } from "../../core/scenario/simulation.ts";

/** Quotes one field per RFC 4180 §2 (6)–(7) when it needs it. */
export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function renderCsv(simulation: Simulation, titles: ReadonlyMap<string, string> = new Map()): string {
  const rows = [["scenario", "label", "title", ...simulation.profiles]];
  for (const result of simulation.results) {
    rows.push([
      result.scenario,
      result.label,
      titles.get(result.scenario) ?? "",
      ...simulation.profiles.map((p) => result.verdicts[p] ?? ""),
    ]);
  }
  return `${rows.map((row) => row.map(quoteCsvField).join(",")).join("\r\n")}\r\n`;
}
