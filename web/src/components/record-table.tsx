/**
 * The console's tables of records (users, authorities, the access log, the intake journal, the queue, a
 * case's log entries): full width, and stacked into labelled cards on narrow screens, where each cell
 * shows its column from its `data-label`. Headings are plain text, or `{ hidden }` for a column that
 * only screen readers name (a row's buttons).
 */
import type { ReactNode } from "react";

export type Heading = string | { readonly hidden: string };

export function RecordTable({
  testId,
  headings,
  caption,
  variant,
  isBodyLive = false,
  children,
}: {
  testId: string;
  headings: readonly Heading[];
  /** Read by screen readers only. */
  caption?: string;
  /** An extra class for one table's own styling. */
  variant?: string;
  /** The rows change in place (proofs being checked): announce them. */
  isBodyLive?: boolean;
  children: ReactNode;
}) {
  return (
    <table
      className={`data-table wide stacked text-table${variant === undefined ? "" : ` ${variant}`}`}
      data-testid={testId}
    >
      {caption === undefined ? null : <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {headings.map((heading) => (
            <th scope="col" key={typeof heading === "string" ? heading : heading.hidden}>
              {typeof heading === "string" ? heading : <span className="sr-only">{heading.hidden}</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody aria-live={isBodyLive ? "polite" : undefined}>{children}</tbody>
    </table>
  );
}
