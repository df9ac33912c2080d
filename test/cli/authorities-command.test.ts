import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalBytes } from "../../src/core/intake/canonical-json.ts";
import { parseDetachedJws, verifyDetachedJws } from "../../src/core/intake/detached-jws.ts";
import { runCli } from "./run-cli.ts";

const dataDir = mkdtempSync(join(tmpdir(), "lightswitch-cli-authorities-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const rawKey = () => generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x!;

describe("lightswitch authorities", () => {
  it("adds, rotates (keeping the old key as revoked), lists and revokes", () => {
    const first = rawKey();
    const pemFile = join(dataDir, "next.pem");
    const next = generateKeyPairSync("ed25519").publicKey;
    writeFileSync(pemFile, next.export({ type: "spki", format: "pem" }));
    const base = ["--data", dataDir];
    const add = runCli([
      "authorities",
      "add",
      ...base,
      "--id",
      "fr-pp",
      "--state",
      "FR",
      "--kind",
      "prosecutor",
      "--name",
      "Parquet",
      "--public-key",
      first,
    ]);
    expect(add.status).toBe(0);
    expect(
      runCli(["authorities", "rotate", ...base, "--id", "fr-pp", "--public-key", `@${pemFile}`]).status,
    ).toBe(0);
    const listed = JSON.parse(runCli(["authorities", "list", ...base, "--json"]).stdout);
    expect(listed).toHaveLength(1);
    expect(listed[0].status).toBe("active");
    expect(
      listed[0].keys.map((k: { publicKey: string; revokedAt: string | null }) => [
        k.publicKey,
        k.revokedAt === null,
      ]),
    ).toEqual([
      [first, false],
      [next.export({ format: "jwk" }).x, true],
    ]);
    const revoked = JSON.parse(runCli(["authorities", "revoke", ...base, "--id", "fr-pp", "--json"]).stdout);
    expect(revoked[0].status).toBe("revoked");
  });

  it("signs a request file as an authority: a detached JWS over its canonical JSON, kid = authority_id", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const keyFile = join(dataDir, "fr.pem");
    writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
    const result = runCli([
      "authorities",
      "sign",
      "--key",
      keyFile,
      "examples/fr-ransomware-subscriber.json",
    ]);
    expect(result.status).toBe(0);
    const envelope = JSON.parse(result.stdout);
    const jws = parseDetachedJws(envelope.signature);
    expect(jws.kid).toBe("fr-pp-paris-j3");
    expect(verifyDetachedJws(jws, canonicalBytes(envelope.request), publicKey)).toBe(true);
  });

  it("exits 2 naming each bad field", () => {
    const result = runCli([
      "authorities",
      "add",
      "--data",
      dataDir,
      "--id",
      "x",
      "--state",
      "ZZ",
      "--kind",
      "police",
      "--name",
      "n",
      "--public-key",
      "nope",
      "--json",
    ]);
    expect(result.status).toBe(2);
    const { error } = JSON.parse(result.stdout);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.issues.map((i: { path: string }) => i.path)).toContain("state");
  });
});
