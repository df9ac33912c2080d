/**
 * The log's signing key lives in the data directory as `log.key` (the x/mod skey string, file mode
 * 0600), created on first use. The key name is the log's origin (tlog-checkpoint: SHOULD be equal).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NoteSigner } from "../../core/log/note.ts";
import {
  generateEd25519Keys,
  isValidKeyName,
  parseSignerKey,
  signerFromSkey,
  vkeyFromSkey,
} from "../../core/log/note.ts";
import { LogServiceError } from "./log-service-error.ts";

export const DEFAULT_ORIGIN = "lightswitch.localhost/log";

export interface LogKey {
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly vkey: string;
  readonly skey: string;
}

/** Reads `<dir>/<file>`, or creates a new Ed25519 key named `name` there (mode 0600). */
export function loadOrCreateKey(dir: string, file: string, name: string): LogKey {
  const path = join(dir, file);
  if (!existsSync(path)) {
    if (!isValidKeyName(name))
      throw new LogServiceError("KEY_FILE_INVALID", `key name ${JSON.stringify(name)} has whitespace or "+"`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(path, `${generateEd25519Keys(name).skey}\n`, { mode: 0o600, flag: "wx" });
  }
  // Tighten a key file someone loosened (umask, copy): the signing key must stay private.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const skey = readFileSync(path, "utf8").trim();
  try {
    const { name: keyName } = parseSignerKey(skey);
    return { origin: keyName, signer: signerFromSkey(skey), vkey: vkeyFromSkey(skey), skey };
  } catch (cause) {
    throw new LogServiceError("KEY_FILE_INVALID", `${path} does not hold a signed-note private key`, {
      cause,
    });
  }
}

export function loadOrCreateLogKey(dir: string, origin: string = DEFAULT_ORIGIN): LogKey {
  return loadOrCreateKey(dir, "log.key", origin);
}
