/** `lightswitch profiles [show ID]`: the shipped treaty profiles and what each applies. */
import type { Command } from "commander";
import { AppError } from "../../core/app-error.ts";
import { DEFAULT_LAW_DIR } from "../../shell/kb/load-knowledge-base.ts";
import { loadShippedLaw } from "../../shell/kb/load-shipped-law.ts";
import { failWith } from "../fail.ts";

export function registerProfilesCommand(program: Command): void {
  const profiles = program
    .command("profiles")
    .description("List the treaty profiles, or show one")
    .option("--json", "print JSON")
    .option("--law <dir>", "knowledge-base directory", DEFAULT_LAW_DIR)
    .action((options: { json?: boolean; law: string }) => {
      const { profiles: all } = loadShippedLaw(options.law);
      const rows = [...all.values()].map((p) => ({ id: p.id, title: p.title, instrument: p.instrument }));
      if (options.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows) console.log(`${r.id.padEnd(26)} ${r.title}`);
    });
  profiles
    .command("show")
    .description("Show a profile: its description, deadlines and the rules it applies with their citations")
    .argument("<id>", "profile id, e.g. rights-first")
    .option("--json", "print the profile as JSON")
    .action((id: string, options: { json?: boolean }, command: Command) => {
      const law = command.parent?.opts<{ law: string }>().law ?? DEFAULT_LAW_DIR;
      const profile = loadShippedLaw(law).profiles.get(id);
      if (profile === undefined) {
        return failWith(new AppError("UNKNOWN_PROFILE", `no profile "${id}"`), options.json === true);
      }
      if (options.json) {
        console.log(JSON.stringify(profile, null, 2));
        return;
      }
      console.log(`${profile.title} (${profile.id})\n\n${profile.description}\n`);
      console.log(`Deadlines: ${profile.deadlines.explanation}\n`);
      console.log("Rules applied:");
      for (const [rule, settings] of Object.entries(profile.rules)) {
        const cites = (settings as { cite: { instrument: string; article: string }[] }).cite
          .map((c) => `${c.instrument} art. ${c.article}`)
          .join("; ");
        console.log(`  ${rule.padEnd(22)} ${cites}`);
      }
    });
}
