/** Runs the real `lightswitch` entry point in a child process, as a user's shell would. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/lightswitch.js", import.meta.url));

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], input?: string): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", input, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
