import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DATA_KEY_ENV,
  type DataKey,
  decryptPersonalData,
  encryptPersonalData,
  isEncrypted,
  loadOrCreateDataKey,
} from "./personal-data.ts";

const dir = mkdtempSync(join(tmpdir(), "lightswitch-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = randomBytes(32) as DataKey;

describe("personal data at rest (AES-256-GCM)", () => {
  it("round-trips, with a fresh nonce each time", () => {
    const a = encryptPersonalData(key, '{"name":"Ana"}', "cases/c1/request_json");
    const b = encryptPersonalData(key, '{"name":"Ana"}', "cases/c1/request_json");
    expect(a).not.toBe(b);
    expect(a).not.toMatch(/Ana/);
    expect(decryptPersonalData(key, a, "cases/c1/request_json")).toBe('{"name":"Ana"}');
  });

  it("refuses another context, another key or an altered value", () => {
    const sealed = encryptPersonalData(key, "secret", "cases/c1/request_json");
    expect(() => decryptPersonalData(key, sealed, "cases/c2/request_json")).toThrow(/cannot decrypt/);
    expect(() => decryptPersonalData(randomBytes(32) as DataKey, sealed, "cases/c1/request_json")).toThrow();
    // Another base64url character in a position that carries tag bits (not the last, which may be padding).
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.slice(-1)}`;
    expect(() => decryptPersonalData(key, flipped, "cases/c1/request_json")).toThrow();
  });

  it("passes legacy plaintext through, so readers can switch before writers", () => {
    expect(isEncrypted('{"a":1}')).toBe(false);
    expect(decryptPersonalData(key, '{"a":1}', "cases/c1/request_json")).toBe('{"a":1}');
  });

  it("takes the key from LIGHTSWITCH_DATA_KEY, else creates DATA/keys/data.key (0600) once", () => {
    const fromEnv = randomBytes(32).toString("base64");
    expect(loadOrCreateDataKey(dir, { [DATA_KEY_ENV]: fromEnv }).toString("base64")).toBe(fromEnv);
    expect(() => loadOrCreateDataKey(dir, { [DATA_KEY_ENV]: "c2hvcnQ=" })).toThrow(/32 bytes/);
    const created = loadOrCreateDataKey(dir, {});
    expect(statSync(join(dir, "keys", "data.key")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDataKey(dir, {}).equals(created)).toBe(true);
  });
});
