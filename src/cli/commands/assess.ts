/**
 * `lightswitch assess FILE [--profile ID] [--json]` — the CLI contract other tools rely on (issue 2):
 * human output is the verdict then each finding with its explanation and citations; `--json` prints
 * `lightswitch.assessment/v1`; invalid input exits 2 with every error naming its field path.
 */

import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "../../core/app-error.ts";
import { assessRequest } from "../../core/assess/assess.ts";
import type { Assessment } from "../../core/assess/assessment.ts";
import { defaultProfileFor } from "../../core/profiles/default-profile.ts";
import { parseRequestText } from "../../core/request/parse-request.ts";
import type { Request } from "../../core/request/request-schema.ts";
import { DEFAULT_LAW_DIR } from "../../shell/kb/load-knowledge-base.ts";
import { loadShippedLaw } from "../../shell/kb/load-shipped-law.ts";
import { failWith } from "../fail.ts";
import { formatAssessment } from "../format-assessment.ts";

/** The profile used when none is named: the request's own instrument if shipped, else rights-first. */
export function registerAssessCommand(program: Command): void {
  program
    .command("assess")
    .description("Assess a lightswitch.request/v1 file against a treaty profile and the knowledge base")
    .argument("<file>", "request JSON file, or - for standard input")
    .option(
      "--profile <id>",
      "profile to apply (default: the request's instrument if shipped, else rights-first)",
    )
    .option("--json", "print lightswitch.assessment/v1 JSON")
    .option("--law <dir>", "knowledge-base directory", DEFAULT_LAW_DIR)
    .addHelpText(
      "after",
      "\nExit codes: 0 assessed; 2 invalid input (each problem names its field path).\nExample: npx lightswitch assess examples/fr-ransomware-subscriber.json --profile rights-first",
    )
    .action((file: string, options: { profile?: string; json?: boolean; law: string }) => {
      const json = options.json === true;
      let text: string;
      try {
        text = readFileSync(file === "-" ? 0 : file, "utf8");
      } catch (error) {
        return failWith(new AppError("NOT_FOUND", `cannot read ${file}: ${(error as Error).message}`), json);
      }
      let request: Request;
      try {
        request = parseRequestText(text);
      } catch (error) {
        return failWith(error, json);
      }
      const law = loadShippedLaw(options.law);
      const profileId = options.profile ?? defaultProfileFor(request, law.profiles);
      const profile = law.profiles.get(profileId);
      if (profile === undefined) {
        return failWith(
          new AppError(
            "UNKNOWN_PROFILE",
            `no profile "${profileId}"; shipped: ${[...law.profiles.keys()].join(", ")}`,
            {
              issues: [{ path: "--profile", message: `unknown profile ${profileId}` }],
            },
          ),
          json,
        );
      }
      const assessment: Assessment = assessRequest(request, profile, law.kb);
      if (json) console.log(JSON.stringify(assessment, null, 2));
      else console.log(formatAssessment(assessment, { signed: false, profileTitle: profile.title }));
    });
}
