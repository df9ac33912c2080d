/**
 * Demo data beyond intake (issue 4, `--demo`): staff users of every role, with passwords written to
 * DATA/demo-users.txt (mode 0600), and some demo cases moved along the workflow — reviewed, decided with a
 * reason, authorised, executed, delivered and sealed — so the console shows every stage.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CaseCommand } from "../../core/case/case-commands.ts";
import { addMonths } from "../../core/case/case-commands.ts";
import type { Actor, Role } from "../../core/case/case-events.ts";
import type { CaseWorkflow } from "../cases/case-workflow-services.ts";

const STAFF: readonly { role: Role; name: string; email: string }[] = [
  { role: "case_worker", name: "Demo Case Worker", email: "caseworker@demo.lightswitch.example" },
  { role: "authoriser", name: "Demo Judge", email: "judge@demo.lightswitch.example" },
  { role: "auditor", name: "Demo Auditor", email: "auditor@demo.lightswitch.example" },
  { role: "admin", name: "Demo Administrator", email: "admin@demo.lightswitch.example" },
];

export interface DemoStaff {
  readonly created: boolean;
  readonly file: string;
}

/** Creates the demo staff if there are no users yet; their passwords go to DATA/demo-users.txt. */
export async function seedDemoStaff(workflow: CaseWorkflow, dataDir: string): Promise<DemoStaff> {
  const file = join(dataDir, "demo-users.txt");
  if ((await workflow.users.list()).length > 0) return { created: false, file };
  const lines = ["# Lightswitch demo staff: sign in at http://127.0.0.1:8080/#/sign-in", ""];
  for (const person of STAFF) {
    const password = randomBytes(12).toString("base64url");
    await workflow.users.create({ ...person, password });
    lines.push(`${person.role.padEnd(12)} ${person.email}  ${password}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  return { created: true, file };
}

/** Moves some of the demo cases along the workflow, so that every stage has examples. */
export async function advanceDemoCases(workflow: CaseWorkflow, now: Date = new Date()): Promise<number> {
  const users = await workflow.users.list();
  const actorFor = (role: Role): Actor | undefined => {
    const user = users.find((u) => u.role === role);
    return user === undefined ? undefined : { kind: "user", user_id: user.user_id, role };
  };
  const worker = actorFor("case_worker");
  const judge = actorFor("authoriser");
  if (worker === undefined || judge === undefined) return 0;
  const at = now.toISOString();
  const queue = await workflow.cases.listQueue({}, at);
  const reason = "Demo: decided after reading the findings and the facts stated.";
  const plans: CaseCommand[][] = [
    [{ kind: "start_review" }],
    [{ kind: "start_review" }, { kind: "decide", decision: "refuse", reason, grounds: [] }],
    [
      { kind: "start_review" },
      { kind: "request_info", reason: "Demo: the period of data asked for is missing." },
    ],
    [
      { kind: "start_review" },
      { kind: "open_consultation", reason: "Demo: conflict with the provider's home law." },
    ],
    [
      { kind: "start_review" },
      { kind: "decide", decision: "approve", reason, grounds: [] },
      { kind: "authorise", reason: "Demo: necessary and proportionate to the harm shown." },
      { kind: "record_execution", package_sha256: "0".repeat(63) + "1" },
      { kind: "record_delivery", channel: "demo portal" },
      {
        kind: "seal",
        until: addMonths(at.slice(0, 10), 3),
        reason: "Demo: the suspect is not yet identified.",
      },
    ],
  ];
  let advanced = 0;
  for (const [i, entry] of queue.entries()) {
    if (i % 2 === 1 || entry.stage !== "assessed") continue;
    const plan = plans[(i / 2) % plans.length] ?? [];
    for (const command of plan) {
      const actor = command.kind === "authorise" ? judge : worker;
      try {
        await workflow.cases.execute(entry.case_id, command, actor, at);
      } catch {
        // A step the case's own facts do not allow (e.g. no authorisation was needed): skip it.
      }
    }
    advanced++;
  }
  return advanced;
}
