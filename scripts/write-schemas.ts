/**
 * Writes the machine-readable JSON Schemas generated from the validators (the request format's contract,
 * spec/request-format.md): `node scripts/write-schemas.ts`. A test fails when the committed files are stale.
 */
import { writeFileSync } from "node:fs";
import { generatedSchemas } from "../src/shell/schemas/json-schemas.ts";

for (const [file, schema] of Object.entries(generatedSchemas())) {
  writeFileSync(new URL(`../schemas/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schemas/${file}`);
}
