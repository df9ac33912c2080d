/**
 * Personal data at rest: AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit nonce per value and the
 * row's identity as additional authenticated data, so a ciphertext cannot be moved to another case or
 * column unnoticed. Stored form: `lsenc1:` + base64url(nonce ‖ ciphertext ‖ 16-byte tag).
 *
 * Migration-safe: a stored value without the `lsenc1:` prefix is legacy plaintext (the intake's
 * request_json is canonical JSON, which starts with `{`), returned as is by `decryptPersonalData`, so
 * readers switch first, writers second, and `encryptLegacyCaseRows` converts old rows in place.
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Kysely } from "kysely";
import { AppError } from "../../core/app-error.ts";
import type { IntakeDB } from "../intake/intake-tables.ts";
import { pooledRandomBytes } from "./random-pool.ts";

const PREFIX = "lsenc1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A 256-bit data key; the brand keeps random buffers from being passed where a key is meant. */
export type DataKey = Buffer & { readonly __brand: "DataKey" };

/** The environment variable that holds the data key (base64 of 32 bytes); it wins over the key file. */
export const DATA_KEY_ENV = "LIGHTSWITCH_DATA_KEY";

/** Parses a base64 key of exactly 32 bytes. */
export function parseDataKey(base64: string, origin: string): DataKey {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== KEY_BYTES || key.toString("base64") !== base64.trim())
    throw new AppError("INVALID_INPUT", `${origin} must be the base64 of exactly ${KEY_BYTES} bytes`, {
      issues: [{ path: origin, message: `expected base64 of ${KEY_BYTES} bytes` }],
    });
  return key as DataKey;
}

/**
 * The data key: LIGHTSWITCH_DATA_KEY if set, else DATA/keys/data.key, created (0600, random) on first
 * start. Losing the key loses the personal data: back it up apart from the database.
 */
export function loadOrCreateDataKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): DataKey {
  const fromEnv = env[DATA_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return parseDataKey(fromEnv, DATA_KEY_ENV);
  const file = join(dataDir, "keys", "data.key");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  }
  return parseDataKey(readFileSync(file, "utf8"), file);
}

/**
 * The key object of each data key, made once: given a raw buffer, createCipheriv builds a key object per
 * call, which cost more than encrypting a request (intake encrypts four values per case).
 */
const keyObjects = new WeakMap<DataKey, KeyObject>();

function keyObjectOf(key: DataKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    keyObject = createSecretKey(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

/** Encrypts one value; `context` (e.g. "cases/<id>/request_json") is authenticated, not stored. */
export function encryptPersonalData(key: DataKey, plaintext: string, context: string): string {
  const nonce = pooledRandomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyObjectOf(key), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

/** Whether a stored value is already encrypted. */
export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * Decrypts a stored value (legacy plaintext passes through). A wrong key, a value moved to another
 * context or a tampered one is INTERNAL: the store is not what this process wrote.
 */
export function decryptPersonalData(key: DataKey, stored: string, context: string): string {
  if (!isEncrypted(stored)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  if (raw.length < NONCE_BYTES + TAG_BYTES)
    throw new AppError("INTERNAL", `encrypted value of ${context} is truncated`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyObjectOf(key), raw.subarray(0, NONCE_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch (cause) {
    throw new AppError("INTERNAL", `cannot decrypt ${context}: wrong data key or altered value`, { cause });
  }
}

/** The context of a column of the intake's `cases` table. */
export function caseColumnContext(caseId: string, column: "request_json" | "assessment_json"): string {
  return `cases/${caseId}/${column}`;
}

/**
 * Encrypts, in place, the plaintext request_json and assessment_json of every case (idempotent: already
 * encrypted values are left alone). Returns how many rows changed.
 */
export async function encryptLegacyCaseRows(db: Kysely<IntakeDB>, key: DataKey): Promise<number> {
  const rows = await db.selectFrom("cases").select(["case_id", "request_json", "assessment_json"]).execute();
  let changed = 0;
  for (const row of rows) {
    if (isEncrypted(row.request_json) && isEncrypted(row.assessment_json)) continue;
    const seal = (value: string, column: "request_json" | "assessment_json") =>
      isEncrypted(value) ? value : encryptPersonalData(key, value, caseColumnContext(row.case_id, column));
    await db
      .updateTable("cases")
      .set({
        request_json: seal(row.request_json, "request_json"),
        assessment_json: seal(row.assessment_json, "assessment_json"),
      })
      .where("case_id", "=", row.case_id)
      // Only if unchanged since read: a concurrent writer's value is never overwritten.
      .where("request_json", "=", row.request_json)
      .execute();
    changed++;
  }
  return changed;
}
