/**
 * `lightswitch authorities add|list|revoke|rotate`: the key directory of requesting authorities.
 * Keys are Ed25519: base64url of the raw 32 bytes, or a PEM SPKI (`-----BEGIN PUBLIC KEY-----`), given
 * inline or as @FILE. `authorities sign` signs a request file with a private key, as an authority would.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "../../core/app-error.ts";
import { canonicalBytes } from "../../core/intake/canonical-json.ts";
import { signDetachedJws } from "../../core/intake/detached-jws.ts";
import { parseRequestText } from "../../core/request/parse-request.ts";
import type { Authority, AuthorityDirectory } from "../../shell/authorities/authority-directory.ts";
import { openDirectory, openStore } from "../../shell/intake/open-case-service.ts";
import { failWith } from "../fail.ts";

interface StoreOptions {
  data: string;
  databaseUrl?: string;
  json?: boolean;
}

export function registerAuthoritiesCommand(program: Command): void {
  const authorities = program
    .command("authorities")
    .description(
      "Manage the requesting authorities and their signing keys (rotation keeps old keys as revoked)",
    );
  const withStore = (command: Command) =>
    command
      .option("--data <dir>", "data directory", "./data")
      .option("--database-url <url>", "PostgreSQL URL instead of the SQLite file in --data")
      .option("--json", "print JSON");

  withStore(authorities.command("add").description("Register an authority with its Ed25519 public key"))
    .requiredOption("--id <id>", "authority id (the kid of its signatures = requesting.authority_id)")
    .requiredOption("--state <cc>", "ISO 3166-1 alpha-2 state, e.g. FR")
    .requiredOption("--kind <kind>", "prosecutor, police, court, central_authority, …")
    .requiredOption("--name <name>", "the authority's name")
    .requiredOption("--public-key <key>", "base64url raw 32-byte key, a PEM SPKI, or @FILE")
    .action(
      (
        options: StoreOptions & { id: string; state: string; kind: string; name: string; publicKey: string },
      ) =>
        run(options, async (directory) => [
          await directory.add({
            id: options.id,
            state: options.state,
            kind: options.kind,
            name: options.name,
            publicKey: readKeyArgument(options.publicKey),
          }),
        ]),
    );

  registerSignCommand(authorities);

  withStore(authorities.command("list").description("List authorities and their keys")).action(
    (options: StoreOptions) => run(options, (directory) => directory.list()),
  );

  withStore(authorities.command("revoke").description("Revoke an authority's active key"))
    .requiredOption("--id <id>", "authority id")
    .action((options: StoreOptions & { id: string }) =>
      run(options, async (directory) => [await directory.revoke(options.id)]),
    );

  withStore(
    authorities.command("rotate").description("Replace an authority's key (the old key stays, revoked)"),
  )
    .requiredOption("--id <id>", "authority id")
    .requiredOption("--public-key <key>", "the new key: base64url raw, PEM SPKI, or @FILE")
    .action((options: StoreOptions & { id: string; publicKey: string }) =>
      run(options, async (directory) => [
        await directory.rotate(options.id, readKeyArgument(options.publicKey)),
      ]),
    );
}

/**
 * `authorities sign`: what a requesting authority's system does, for scripts and the demo keys. Prints
 * the envelope POST /v1/requests takes. No store is opened.
 */
function registerSignCommand(authorities: Command): void {
  authorities
    .command("sign")
    .description("Sign a request file as an authority: prints { request, signature } for POST /v1/requests")
    .argument("<file>", "lightswitch.request/v1 JSON file, or - for standard input")
    .requiredOption(
      "--key <file>",
      "the authority's Ed25519 private key (PKCS#8 PEM, e.g. DATA/demo-keys/<id>.pem)",
    )
    .option("--id <id>", "kid to sign as (default: the request's requesting.authority_id)")
    .option("--json", "print errors as JSON")
    .addHelpText(
      "after",
      "\nExample: npx lightswitch authorities sign --key data/demo-keys/demo-fr-pp-paris-j3.pem req.json \\\n  | curl -H 'content-type: application/json' --data @- http://127.0.0.1:8080/v1/requests",
    )
    .action((file: string, options: { key: string; id?: string; json?: boolean }) => {
      try {
        const request = parseRequestText(readFileSync(file === "-" ? 0 : file, "utf8"));
        const kid = options.id ?? request.requesting.authority_id;
        let privateKey: KeyObject;
        try {
          privateKey = createPrivateKey(readFileSync(options.key));
        } catch (cause) {
          throw new AppError("INVALID_INPUT", `cannot read an Ed25519 private key from ${options.key}`, {
            issues: [{ path: "--key", message: "expected a PKCS#8 PEM Ed25519 private key" }],
            cause,
          });
        }
        if (privateKey.asymmetricKeyType !== "ed25519")
          throw new AppError("INVALID_INPUT", `${options.key} holds a ${privateKey.asymmetricKeyType} key`, {
            issues: [{ path: "--key", message: "expected an Ed25519 key" }],
          });
        console.log(
          JSON.stringify({ request, signature: signDetachedJws(canonicalBytes(request), privateKey, kid) }),
        );
      } catch (error) {
        failWith(error, options.json === true);
      }
    });
}

async function run(
  options: StoreOptions,
  action: (directory: AuthorityDirectory) => Promise<readonly Authority[]>,
): Promise<void> {
  const json = options.json === true;
  let database: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    database = await openStore({ dataDir: options.data, databaseUrl: options.databaseUrl });
    const result = await action(openDirectory(database));
    if (json) console.log(JSON.stringify(result, null, 2));
    else for (const authority of result) console.log(formatAuthority(authority));
  } catch (error) {
    failWith(error, json);
  } finally {
    await database?.close();
  }
}

function formatAuthority(a: Authority): string {
  const keys = a.keys.map(
    (k) =>
      `    ${k.publicKey}  added ${k.addedAt.slice(0, 10)}${k.revokedAt === null ? "  active" : `  revoked ${k.revokedAt.slice(0, 10)}`}`,
  );
  return [
    `${a.id.padEnd(28)} ${a.state}  ${a.kind.padEnd(18)} ${a.status.padEnd(8)} ${a.name}`,
    ...keys,
  ].join("\n");
}

function readKeyArgument(value: string): string {
  if (!value.startsWith("@")) return value;
  try {
    return readFileSync(value.slice(1), "utf8");
  } catch (error) {
    throw new AppError("NOT_FOUND", `cannot read ${value.slice(1)}: ${(error as Error).message}`, {
      issues: [{ path: "--public-key", message: "unreadable file" }],
    });
  }
}
