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
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}
