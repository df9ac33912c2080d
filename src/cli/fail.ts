/** The CLI's one error path: a clear message (no stack trace), JSON on stdout with --json, exit code 2. */
import { AppError } from "../core/app-error.ts";

export function failWith(error: unknown, json: boolean): void {
  const appError =
    error instanceof AppError
      ? error
      : new AppError("INTERNAL", error instanceof Error ? error.message : String(error));
  if (json) {
    console.log(JSON.stringify(appError.toJSON(), null, 2));
  } else {
    console.error(`error: ${appError.message}`);
    for (const issue of appError.issues) console.error(`  ${issue.path}: ${issue.message}`);
  }
  process.exitCode = appError.code === "INTERNAL" ? 1 : 2;
}
