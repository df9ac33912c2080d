#!/usr/bin/env node
// Entry point for `npx lightswitch`. The CLI is TypeScript run by Node 24's built-in type stripping;
// npx puts node_modules/.bin (with the npm-installed Node 24) first on PATH.
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(
    `lightswitch needs Node.js 24 or later (found ${process.version}); run it through npx or npm run.`,
  );
  process.exit(1);
}
await import("../src/cli/main.ts");
