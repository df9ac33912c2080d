/**
 * `lightswitch.scenario/v1`: one documented (or typical, said so) cross-border request, labelled by what it
 * is — a persecution of protected conduct ("abusive") or a genuine crime ("legitimate") — never by what a
 * profile decides. The simulator runs every scenario under every profile and compares the verdicts with the
 * labels. Scenario files are read from disk, so they are parsed at the edge like any other input.
 *
 * Hard cases carry `"hard": true` and at least one tag saying why they are hard:
 * - `mixed-motive`: the facts contain both a genuine crime and protected conduct;
 * - `abusive-measure`: an otherwise legitimate request asks for one measure no regime should grant;
 * - `conflict-of-law`: the data sit with a provider whose home law forbids the disclosure asked for;
 * - `thin-emergency`: an emergency is claimed with little or no justification;
 * - `low-penalty`: the offences' maxima fall below the instruments' seriousness thresholds (36/48 months);
 * - `no-treaty`: requesting and requested state share no instrument;
 * - `rule-of-law-state`: the requesting state is a democracy whose courts upheld the prosecution.
 * `modelled` (not a hardness reason) marks a typical request built on the public description of a crime
 * type or operation rather than on one documented request.
 */
import { z } from "zod";
import { RequestSchema } from "../request/request-schema.ts";

export const SCENARIO_FORMAT = "lightswitch.scenario/v1";

export const SCENARIO_LABELS = ["abusive", "legitimate"] as const;
export type ScenarioLabel = (typeof SCENARIO_LABELS)[number];

export const HARD_CASE_TAGS = [
  "mixed-motive",
  "abusive-measure",
  "conflict-of-law",
  "thin-emergency",
  "low-penalty",
  "no-treaty",
  "rule-of-law-state",
] as const;
export const SCENARIO_TAGS = [...HARD_CASE_TAGS, "modelled"] as const;
export type ScenarioTag = (typeof SCENARIO_TAGS)[number];

const hardTags: ReadonlySet<string> = new Set(HARD_CASE_TAGS);

const SourceSchema = z.strictObject({
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }).optional(),
});

export const ScenarioSchema = z
  .strictObject({
    format: z.literal(SCENARIO_FORMAT),
    title: z.string().min(1).max(200),
    label: z.enum(SCENARIO_LABELS),
    summary: z.string().min(1).max(4000),
    sources: z.array(SourceSchema).min(1, { message: "a scenario cites at least one source" }),
    hard: z.boolean().optional(),
    tags: z.array(z.enum(SCENARIO_TAGS)).optional(),
    request: RequestSchema,
  })
  .superRefine((scenario, ctx) => {
    if (scenario.hard === true && !(scenario.tags ?? []).some((tag) => hardTags.has(tag))) {
      ctx.addIssue({
        code: "custom",
        path: ["tags"],
        message: `a hard case names why it is hard with one of ${HARD_CASE_TAGS.join(", ")}`,
      });
    }
  });

/** A parsed scenario; `name` is its file name without `.json` (kebab-case), which identifies it in reports. */
export type ScenarioDocument = z.infer<typeof ScenarioSchema>;
export interface Scenario {
  readonly name: string;
  readonly document: ScenarioDocument;
}

/** Corpus minimums (issue 5): the corpus test fails if the corpus shrinks below them. */
export const CORPUS_MINIMUMS = { total: 60, abusive: 25, legitimate: 25, hard: 10 } as const;

export const SCENARIO_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
