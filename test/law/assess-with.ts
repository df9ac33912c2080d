/** Test support: assess a request under a shipped profile against the shipped knowledge base. */
import { assessRequest } from "../../src/core/assess/assess.ts";
import type { Assessment, Finding } from "../../src/core/assess/assessment.ts";
import type { Request } from "../../src/core/request/request-schema.ts";
import { loadShippedLaw } from "../../src/shell/kb/load-shipped-law.ts";

export function assessUnder(profileId: string, request: Request): Assessment {
  const law = loadShippedLaw();
  const profile = law.profiles.get(profileId);
  if (profile === undefined) throw new Error(`no shipped profile ${profileId}`);
  return assessRequest(request, profile, law.kb);
}

/** The findings of one rule; fails loudly if the rule produced none. */
export function findingsOf(assessment: Assessment, rule: string): Finding[] {
  const found = assessment.findings.filter((f) => f.rule === rule);
  if (found.length === 0) throw new Error(`no finding of rule ${rule} under ${assessment.profile}`);
  return found;
}

export function findingOf(assessment: Assessment, rule: string): Finding {
  const [first] = findingsOf(assessment, rule);
  return first as Finding;
}
