import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalBytes } from "./canonical-json.ts";
import { parseDetachedJws, signDetachedJws, verifyDetachedJws } from "./detached-jws.ts";
import type { IntakeRejection } from "./intake-rejection.ts";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const payload = canonicalBytes({ id: "x-1", b: [1, 2] });

function reasonOf(thunk: () => unknown): string | undefined {
  try {
    thunk();
  } catch (error) {
    return (error as IntakeRejection).reason;
  }
  return undefined;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const sig = Buffer.alloc(64).toString("base64url");

describe("detached compact JWS (RFC 7515 Appendix F, RFC 8037 EdDSA)", () => {
  it("verifies a signature made over the canonical payload with the authority's key", () => {
    const jws = parseDetachedJws(signDetachedJws(payload, privateKey, "fr-pp-paris-j3"));
    expect(jws.kid).toBe("fr-pp-paris-j3");
    expect(verifyDetachedJws(jws, payload, publicKey)).toBe(true);
  });

  it("rejects the signature under another key or over other bytes", () => {
    const jws = parseDetachedJws(signDetachedJws(payload, privateKey, "k"));
    expect(verifyDetachedJws(jws, payload, other.publicKey)).toBe(false);
    expect(verifyDetachedJws(jws, canonicalBytes({ id: "x-2" }), publicKey)).toBe(false);
  });

  it.each([
    ["an attached payload", `${b64({ alg: "EdDSA", kid: "k" })}.e30.${sig}`, "malformed_signature"],
    ["two segments", `${b64({ alg: "EdDSA", kid: "k" })}.${sig}`, "malformed_signature"],
    ["a header that is not JSON", `bm90IGpzb24..${sig}`, "malformed_signature"],
    ["a short signature", `${b64({ alg: "EdDSA", kid: "k" })}..AAAA`, "malformed_signature"],
    ["alg none", `${b64({ alg: "none", kid: "k" })}..${sig}`, "unsupported_header"],
    ["alg HS256", `${b64({ alg: "HS256", kid: "k" })}..${sig}`, "unsupported_header"],
    ["no kid", `${b64({ alg: "EdDSA" })}..${sig}`, "unsupported_header"],
    ["an overlong kid", `${b64({ alg: "EdDSA", kid: "k".repeat(129) })}..${sig}`, "unsupported_header"],
    [
      "b64:false (RFC 7797)",
      `${b64({ alg: "EdDSA", kid: "k", b64: false, crit: ["b64"] })}..${sig}`,
      "unsupported_header",
    ],
  ])("refuses %s", (_name, compact, reason) => {
    expect(reasonOf(() => parseDetachedJws(compact))).toBe(reason);
  });
});
