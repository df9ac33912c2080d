/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own Node process, one after the other, so that
 * one capability's warm-up or garbage does not colour another's figures. Each bench prints JSON lines
 * `{ "name", "value", "unit" }`; this runner passes them through and adds nothing.
 * `npm run bench -- intake` runs only the benches whose file name contains "intake".
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (filter === undefined || f.includes(filter)))
  .sort();
let failed = 0;
for (const file of files) {
  console.error(`# ${file}`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    failed++;
    console.error(`# ${file} failed with status ${result.status}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
