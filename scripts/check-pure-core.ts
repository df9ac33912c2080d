/**
 * STYLE habit 1: the pure core (src/core) imports no I/O. This check fails `npm run lint` when a core
 * module imports anything but other core modules, zod, and node:crypto (hashing and signatures are math).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const CORE = new URL("../src/core", import.meta.url).pathname;
const ALLOWED_PACKAGES = new Set(["zod", "node:crypto", "fast-check", "@fast-check/vitest", "vitest"]);
const TEST_ONLY = new Set(["fast-check", "@fast-check/vitest", "vitest", "node:fs", "node:path", "node:url"]);

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith(".ts")) yield path;
  }
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const violations: string[] = [];
for (const file of walk(CORE)) {
  // Tests and their support (src/core/testing) may use test libraries and read fixtures.
  const isTest = file.endsWith(".test.ts") || file.includes("/src/core/testing/");
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2] ?? "";
    if (specifier.startsWith(".")) {
      const target = join(file, "..", specifier);
      if (!target.startsWith(CORE) && !isTest)
        violations.push(`${relative(process.cwd(), file)}: imports ${specifier} outside the core`);
      continue;
    }
    if (ALLOWED_PACKAGES.has(specifier) && (isTest || !TEST_ONLY.has(specifier))) continue;
    if (isTest && TEST_ONLY.has(specifier)) continue;
    violations.push(`${relative(process.cwd(), file)}: imports ${specifier} (the core does no I/O)`);
  }
}
if (violations.length > 0) {
  for (const v of violations) console.error(v);
  process.exit(1);
}
