/**
 * Detached compact JWS (RFC 7515 §7.1 and Appendix F) with `alg: "EdDSA"` (RFC 8037), as requests are
 * signed (spec/request-format.md, "Signature"): `BASE64URL(header) + ".." + BASE64URL(signature)`, the
 * payload being the RFC 8785 canonical JSON of the request, carried beside the signature and not in it.
 *
 * The compact string is attacker-controlled: every malformed value becomes an IntakeRejection.
 */
import { type KeyObject, sign, verify } from "node:crypto";
import { IntakeRejection } from "./intake-rejection.ts";

export interface DetachedJws {
  /** The protected header exactly as sent (the signing input uses these bytes, not a re-encoding). */
  readonly headerSegment: string;
  readonly kid: string;
  readonly signature: Uint8Array;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;
/** Header members we understand; anything else could change the meaning (e.g. `b64`, `crit`) → refused. */
const KNOWN_HEADER_MEMBERS = new Set(["alg", "kid", "typ", "cty"]);

/** Splits and checks a compact detached JWS; throws IntakeRejection (malformed_signature, unsupported_header). */
export function parseDetachedJws(compact: string): DetachedJws {
  const parts = compact.split(".");
  if (parts.length !== 3) throw malformed("expected three dot-separated segments (header..signature)");
  const [headerSegment = "", payloadSegment = "", signatureSegment = ""] = parts;
  if (payloadSegment !== "")
    throw malformed("the payload segment must be empty: the signature is detached from the request");
  if (!SEGMENT.test(headerSegment) || !SEGMENT.test(signatureSegment) || headerSegment === "")
    throw malformed("header and signature must be non-empty base64url without padding");
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(headerSegment, "base64url").toString("utf8"));
  } catch {
    throw malformed("the protected header is not base64url JSON");
  }
  if (header === null || typeof header !== "object" || Array.isArray(header))
    throw malformed("the protected header is not a JSON object");
  const members = header as Record<string, unknown>;
  const unknown = Object.keys(members).filter((key) => !KNOWN_HEADER_MEMBERS.has(key));
  if (unknown.length > 0)
    throw new IntakeRejection(
      "unsupported_header",
      `unsupported protected header member(s): ${unknown.join(", ")}`,
    );
  if (members["alg"] !== "EdDSA")
    throw new IntakeRejection("unsupported_header", 'the protected header must say "alg": "EdDSA"');
  const kid = members["kid"];
  // Authority ids are at most 128 characters (request-schema.ts); the kid is journaled, so bound it.
  if (typeof kid !== "string" || kid === "" || kid.length > 128)
    throw new IntakeRejection(
      "unsupported_header",
      'the protected header must carry "kid": the authority id (1–128 characters)',
    );
  const signature = Buffer.from(signatureSegment, "base64url");
  if (signature.length !== 64) throw malformed("an Ed25519 signature is 64 bytes");
  return { headerSegment, kid, signature };
}

/** RFC 7515 §5.1 signing input: ASCII(BASE64URL(header) || "." || BASE64URL(payload)). */
export function jwsSigningInput(headerSegment: string, payload: Uint8Array): Buffer {
  return Buffer.from(`${headerSegment}.${Buffer.from(payload).toString("base64url")}`, "ascii");
}

/** Whether `jws` is a valid Ed25519 signature of `payload` under `publicKey`. */
export function verifyDetachedJws(jws: DetachedJws, payload: Uint8Array, publicKey: KeyObject): boolean {
  return verify(null, jwsSigningInput(jws.headerSegment, payload), publicKey, jws.signature);
}

/** Signs `payload` as a detached compact JWS with `kid` (used by the demo and by tests, as an authority would). */
export function signDetachedJws(payload: Uint8Array, privateKey: KeyObject, kid: string): string {
  const headerSegment = Buffer.from(JSON.stringify({ alg: "EdDSA", kid })).toString("base64url");
  const signature = sign(null, jwsSigningInput(headerSegment, payload), privateKey);
  return `${headerSegment}..${signature.toString("base64url")}`;
}

function malformed(detail: string): IntakeRejection {
  return new IntakeRejection(
    "malformed_signature",
    `the signature is not a compact detached JWS: ${detail}`,
    {
      issues: [{ path: "signature", message: detail }],
    },
  );
}
