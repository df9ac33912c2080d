/**
 * `serve --demo` on an empty store: four demo authorities (FR, BR, US, SA) with fresh Ed25519 keys,
 * their private keys in DATA/demo-keys/<id>.pem (PKCS#8, mode 0600) so scripts can sign as them, and
 * about thirty signed requests built from examples/ and scenarios/, submitted through the same intake
 * path as HTTP. Each scenario keeps its facts; only `requesting.authority_id` (and `id` for variants)
 * change, so the signatures match a demo authority.
 */
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalBytes } from "../../core/intake/canonical-json.ts";
import { signDetachedJws } from "../../core/intake/detached-jws.ts";
import { IntakeRejection } from "../../core/intake/intake-rejection.ts";
import type { CaseService } from "./open-case-service.ts";

export const DEMO_AUTHORITIES = [
  {
    id: "demo-fr-pp-paris-j3",
    state: "FR",
    kind: "prosecutor",
    name: "Paris Public Prosecutor, J3 cybercrime section (demo)",
  },
  { id: "demo-br-pf-dcc", state: "BR", kind: "police", name: "Polícia Federal, Cybercrime Division (demo)" },
  {
    id: "demo-us-doj-oia",
    state: "US",
    kind: "central_authority",
    name: "Department of Justice, Office of International Affairs (demo)",
  },
  {
    id: "demo-sa-pp-ssd",
    state: "SA",
    kind: "prosecutor",
    name: "Public Prosecution, State Security Department (demo)",
  },
] as const;

export interface DemoSummary {
  readonly seeded: boolean;
  readonly authorities: number;
  readonly submitted: number;
  readonly verdicts: Readonly<Record<string, number>>;
  readonly rejected: number;
}

/** Seeds the demo if the key directory is empty; otherwise does nothing (the data dir is not fresh). */
export async function seedDemo(
  service: CaseService,
  dataDir: string,
  repoDir: string = process.cwd(),
): Promise<DemoSummary> {
  if ((await service.directory.list()).length > 0)
    return { seeded: false, authorities: 0, submitted: 0, verdicts: {}, rejected: 0 };
  const keyDir = join(dataDir, "demo-keys");
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const signers = new Map<
    string,
    { id: string; privateKey: ReturnType<typeof generateKeyPairSync>["privateKey"] }
  >();
  for (const authority of DEMO_AUTHORITIES) {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    writeFileSync(join(keyDir, `${authority.id}.pem`), privateKey.export({ type: "pkcs8", format: "pem" }), {
      mode: 0o600,
    });
    await service.directory.add({
      ...authority,
      publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    });
    signers.set(authority.state, { id: authority.id, privateKey });
  }
  const verdicts: Record<string, number> = {};
  let submitted = 0;
  let rejected = 0;
  for (const request of demoRequests(repoDir, new Set(signers.keys()))) {
    const signer = signers.get(request.requesting.state)!;
    const signed = { ...request, requesting: { ...request.requesting, authority_id: signer.id } };
    const signature = signDetachedJws(canonicalBytes(signed), signer.privateKey, signer.id);
    try {
      const receipt = await service.intake.submit(
        Buffer.from(JSON.stringify({ request: signed, signature })),
      );
      verdicts[receipt.body.verdict] = (verdicts[receipt.body.verdict] ?? 0) + 1;
      submitted++;
    } catch (error) {
      if (!(error instanceof IntakeRejection)) throw error;
      rejected++;
    }
  }
  return { seeded: true, authorities: DEMO_AUTHORITIES.length, submitted, verdicts, rejected };
}

interface DemoRequest {
  readonly id: string;
  readonly requesting: { readonly state: string; readonly authority_id: string };
  readonly measures: readonly unknown[];
  readonly [key: string]: unknown;
}

/**
 * The requests of examples/ and scenarios/ from the demo states, each once as written and, for
 * variety, a "-narrowed" variant asking only for its first measure (until there are about thirty).
 */
function demoRequests(repoDir: string, states: ReadonlySet<string>): DemoRequest[] {
  const base: DemoRequest[] = [];
  for (const dir of ["examples", "scenarios"]) {
    const path = join(repoDir, dir);
    if (!existsSync(path)) continue;
    for (const file of readdirSync(path)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const document = JSON.parse(readFileSync(join(path, file), "utf8")) as {
        request?: DemoRequest;
      } & DemoRequest;
      const request = document.request ?? document;
      if (states.has(request.requesting?.state)) base.push(request);
    }
  }
  const seen = new Set<string>();
  const unique = base.filter((r) => !seen.has(r.id) && seen.add(r.id));
  const variants = unique
    .filter((r) => r.measures.length > 1)
    .concat(unique.filter((r) => r.measures.length <= 1))
    .slice(0, Math.max(0, 30 - unique.length))
    .map((r) => ({ ...r, id: `${r.id}-narrowed`.slice(0, 128), measures: r.measures.slice(0, 1) }));
  return [...unique, ...variants];
}
