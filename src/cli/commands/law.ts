/** `lightswitch law check`: schema-check the knowledge base, one line per problem. */
import type { Command } from "commander";
import { DEFAULT_LAW_DIR } from "../../shell/kb/load-knowledge-base.ts";
import { loadShippedLaw } from "../../shell/kb/load-shipped-law.ts";

export function registerLawCommand(program: Command): void {
  const law = program
    .command("law")
    .description("Inspect the knowledge base (instruments and jurisdictions)");
  law
    .command("check")
    .description(
      "Check every file in the knowledge base and the profiles against their schemas; exit 1 on any problem",
    )
    .option("--dir <dir>", "knowledge-base directory", DEFAULT_LAW_DIR)
    .option("--json", "print the result as JSON")
    .action((options: { dir: string; json?: boolean }) => {
      const { kb, profiles, problems } = loadShippedLaw(options.dir);
      if (options.json) {
        console.log(
          JSON.stringify(
            {
              version: kb.version,
              instruments: kb.instruments.size,
              jurisdictions: kb.jurisdictions.size,
              profiles: profiles.size,
              problems,
            },
            null,
            2,
          ),
        );
      } else {
        for (const p of problems) console.log(`${p.file}: ${p.path}: ${p.message}`);
        console.log(
          `${problems.length === 0 ? "ok" : `${problems.length} problem(s)`}: ${kb.instruments.size} instruments, ` +
            `${kb.jurisdictions.size} jurisdictions, ${profiles.size} profiles, version ${kb.version}`,
        );
      }
      process.exitCode = problems.length === 0 ? 0 : 1;
    });
}
