/** The default, human-readable output of `simulate`: the headline table, one row per profile. */
import type { Simulation } from "../../core/scenario/simulation.ts";

const COLUMNS = [
  ["abusive", "refused"],
  ["abusive", "review"],
  ["abusive", "executed"],
  ["legitimate", "refused"],
  ["legitimate", "review"],
  ["legitimate", "executed"],
] as const;

/** Cells read `n/total`; "executed" counts full execution only (partial, consult and incomplete are left out). */
export function renderHeadlineTable(simulation: Simulation): string {
  const header = ["profile", ...COLUMNS.map(([label, key]) => `${label} ${key}`)];
  const rows = simulation.profiles.map((profile) => {
    const byLabel = simulation.summary[profile];
    return [
      profile,
      ...COLUMNS.map(([label, key]) => `${byLabel?.[label][key] ?? 0}/${byLabel?.[label].total ?? 0}`),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const abusive = simulation.results.filter((r) => r.label === "abusive").length;
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `${simulation.results.length} scenarios (${abusive} abusive, ${simulation.results.length - abusive} legitimate) × ${simulation.profiles.length} profiles; partial, consult and incomplete verdicts are counted in --json`,
  ].join("\n");
}
