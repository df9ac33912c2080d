/**
 * Persecution (non-discrimination): no assistance where there are substantial grounds to believe the
 * request aims to prosecute or punish a person because of sex, race, religion, nationality, ethnic
 * origin or political opinions (UNTOC Art. 16(14), reportedly carried into UN Art. 40 — unverified; ICCPR
 * Arts. 2, 26). Grounds appear where a person targeted belongs to a group at risk AND the requesting
 * state's law, or the conduct alleged, reaches exactly what marks that group out; or where a political
 * opponent is pursued abroad.
 */
import { z } from "zod";
import type { FactReference, Finding } from "../assess/assessment.ts";
import { jurisdictionFact } from "../law/criminality.ts";
import type { ProtectedActivityConduct, SubjectAttribute } from "../request/vocabulary.ts";
import {
  citesSchema,
  GroundEffectSchema,
  listWords,
  makeFinding,
  type Rule,
  type RuleContext,
} from "./rule.ts";

const settings = z.strictObject({ effect: GroundEffectSchema, cite: citesSchema });
type Settings = z.infer<typeof settings>;

const ID = "persecution";
const TARGET_ROLES = new Set(["suspect", "accused", "account_holder"]);

const POLITICAL: readonly ProtectedActivityConduct[] = [
  "criticism_of_government",
  "insulting_head_of_state",
  "false_news",
  "criminal_defamation",
  "peaceful_assembly",
  "unregistered_association",
];

/** For each group at risk, the protected conduct whose criminalisation targets it. */
const AT_RISK: Partial<Record<SubjectAttribute, readonly ProtectedActivityConduct[]>> = {
  lgbtqi: ["same_sex_relations", "gender_expression", "lgbtqi_advocacy"],
  religious_minority: ["blasphemy", "apostasy"],
  political_opponent: POLITICAL,
  political_activist: POLITICAL,
  human_rights_defender: POLITICAL,
  journalist: POLITICAL,
  lawyer: POLITICAL,
};

export const persecutionRule: Rule<Settings> = {
  id: ID,
  title: "Persecution and discrimination",
  settings,
  evaluate(ctx: RuleContext, s: Settings): Finding[] {
    const { request, requesting } = ctx;
    const grounds: string[] = [];
    const facts: FactReference[] = [];
    const groups = new Set<SubjectAttribute>();
    for (const subject of request.subjects) {
      if (!TARGET_ROLES.has(subject.role)) continue;
      for (const attribute of subject.attributes ?? []) {
        const linked = AT_RISK[attribute];
        if (linked === undefined) continue;
        groups.add(attribute);
        const alleged = request.case.conduct.filter((c) => (linked as readonly string[]).includes(c));
        if (alleged.length > 0) {
          grounds.push(`a ${attribute.replaceAll("_", " ")} is pursued for ${listWords(alleged)}`);
        }
        const laws =
          requesting?.protected_activity_laws.filter((l) => l.criminalised && linked.includes(l.conduct)) ??
          [];
        if (laws.length > 0 && requesting !== undefined && alleged.length === 0) {
          grounds.push(
            `a ${attribute.replaceAll("_", " ")} is targeted by a state whose law criminalises ${listWords([...new Set(laws.map((l) => l.conduct))])}`,
          );
        }
        if (requesting !== undefined) {
          for (const l of laws)
            facts.push(
              jurisdictionFact(requesting, `${l.statute ?? l.conduct} criminalises ${l.conduct}`, l),
            );
        }
        if (
          attribute === "political_opponent" &&
          subject.location !== undefined &&
          subject.location !== request.requesting.state
        ) {
          grounds.push(
            `a political opponent living outside the requesting state (${subject.location}) is targeted`,
          );
        }
      }
    }
    if (grounds.length > 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "fail",
          effect: s.effect,
          explanation: `Grounds for believing the request persecutes appear: ${[...new Set(grounds)].join("; ")}.`,
          facts,
        }),
      ];
    }
    if (groups.size > 0) {
      return [
        makeFinding(ID, ctx, s.cite, {
          outcome: "flag",
          effect: "none",
          explanation: `A person targeted is a ${listWords([...groups])}; no link between that and the charges was found, but the reviewer should be alert to it.`,
        }),
      ];
    }
    return [
      makeFinding(ID, ctx, s.cite, {
        outcome: "pass",
        effect: "none",
        explanation: "Nothing in the request points to persecution on a protected ground.",
      }),
    ];
  },
};
