/** Turning zod issues into `{ path, message }` pairs whose path names the field, as every edge reports them. */
import type { z } from "zod";

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** `["case", "offences", 0, "max_penalty_months"]` → `case.offences[0].max_penalty_months`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "(root)" : out;
}

/** One issue per offending field; an unknown key becomes an issue at that key's own path. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        issues.push({ path: formatPath([...issue.path, key]), message: "unknown field" });
      continue;
    }
    issues.push({ path: formatPath(issue.path), message: describeIssue(issue) });
  }
  return issues;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined)
        return `required (expected ${issue.expected === "int" ? "integer" : issue.expected})`;
      if (!issue.message.startsWith("Invalid input")) return issue.message;
      return `expected ${issue.expected === "int" ? "integer" : issue.expected}, got ${jsonType(input)}`;
    case "invalid_value": {
      if (!issue.message.startsWith("Invalid option"))
        return input === undefined ? `required: ${issue.message}` : issue.message;
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const shown =
        allowed.length <= 8
          ? `expected one of ${allowed.join(", ")}`
          : `not one of the ${allowed.length} allowed values`;
      if (input === undefined) return `required (${shown})`;
      if (typeof input !== "string") return shown;
      const closest = closestValue(
        input,
        issue.values.filter((v): v is string => typeof v === "string"),
      );
      return `unknown value ${JSON.stringify(input)}: ${shown}${closest === undefined ? "" : ` (did you mean "${closest}"?)`}`;
    }
    default:
      return issue.message;
  }
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && !Number.isInteger(value)) return "a fraction";
  return typeof value;
}

/** The allowed value nearest to a typo (edit distance at most a third of its length), if any. */
function closestValue(input: string, values: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const value of values) {
    const d = editDistance(input.toLowerCase(), value.toLowerCase());
    if (d < bestDistance || (value.includes(input) && input.length >= 4)) {
      best = value;
      bestDistance = value.includes(input) ? 0 : d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
