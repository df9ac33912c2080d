/** Rows per multi-row INSERT: well below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const ROWS_PER_INSERT = 500;

/** `rows` in consecutive slices of at most `size`, one INSERT each. */
export function insertChunks<T>(rows: readonly T[], size = ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
