/** `lightswitch law check`: schema-check the knowledge base, one line per problem. */
import type { Command } from "commander";
import { DEFAULT_LAW_DIR, loadLaw } from "../../shell/kb/load-knowledge-base.ts";

export function registerLawCommand(program: Command): void {
  const law = program
    .command("law")
    .description("Inspect the knowledge base (instruments and jurisdictions)");
  law
    .command("check")
    .description("Check every file in the knowledge base against its schema; exit 1 on any problem")
    .option("--dir <dir>", "knowledge-base directory", DEFAULT_LAW_DIR)
    .option("--json", "print the result as JSON")
    .action((options: { dir: string; json?: boolean }) => {
      const { kb, problems } = loadLaw(options.dir);
      if (options.json) {
        console.log(
          JSON.stringify(
            {
              version: kb.version,
              instruments: kb.instruments.size,
              jurisdictions: kb.jurisdictions.size,
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
            `${kb.jurisdictions.size} jurisdictions, version ${kb.version}`,
        );
      }
      process.exitCode = problems.length === 0 ? 0 : 1;
    });
}
