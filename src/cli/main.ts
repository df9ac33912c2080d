/**
 * `lightswitch` command line. Each command lives in `commands/<name>.ts` and registers itself here;
 * every command has `--help`, and `--json` wherever its output is data.
 */
import { Command } from "commander";
import { registerAssessCommand } from "./commands/assess.ts";
import { registerAuthoritiesCommand } from "./commands/authorities.ts";
import { registerLawCommand } from "./commands/law.ts";
import { registerLogCommand } from "./commands/log.ts";
import { registerNoticeCommand } from "./commands/notice.ts";
import { registerProfilesCommand } from "./commands/profiles.ts";
import { registerReportCommand } from "./commands/report.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerSimulateCommand } from "./commands/simulate.ts";
import { registerUsersCommand } from "./commands/users.ts";
import { registerWitnessCommand } from "./commands/witness.ts";

export function buildProgram(): Command {
  const program = new Command()
    .name("lightswitch")
    .description(
      "Cross-border requests for electronic evidence, assessed against cited safeguards and recorded in a verifiable log.",
    )
    .version("0.1.0")
    .showHelpAfterError("(add --help for usage)");
  registerAssessCommand(program);
  registerProfilesCommand(program);
  registerLawCommand(program);
  registerLogCommand(program);
  registerNoticeCommand(program);
  registerWitnessCommand(program);
  registerSimulateCommand(program);
  registerServeCommand(program);
  registerAuthoritiesCommand(program);
  registerUsersCommand(program);
  registerReportCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
