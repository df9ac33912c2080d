/**
 * Access to the shared, read-only test vectors in ../shared/vectors (relative to the repo root).
 * Resolved from this file's URL. A missing folder makes every reader throw, so the tests FAIL
 * rather than skip.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const VECTORS_DIR = fileURLToPath(new URL("../../../shared/vectors/", import.meta.url));

export function vectorPath(relativePath: string): string {
  const path = join(VECTORS_DIR, relativePath);
  if (!existsSync(path)) throw new Error(`test vector ${relativePath} is missing (looked in ${VECTORS_DIR})`);
  return path;
}

export function readVectorJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(vectorPath(relativePath), "utf8")) as T;
}

export function readVectorBytes(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(vectorPath(relativePath)));
}

export function readVectorText(relativePath: string): string {
  return readFileSync(vectorPath(relativePath), "utf8");
}

/** Every file under a vector folder, as paths relative to VECTORS_DIR, sorted. */
export function listVectorFiles(relativeDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(VECTORS_DIR, dir))) {
      const child = join(dir, name);
      if (statSync(join(VECTORS_DIR, child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  vectorPath(relativeDir);
  walk(relativeDir);
  return out.sort();
}

/** Lenient base64 for upstream data (Go's encoding/json []byte); the code under test stays strict. */
export function b64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}

export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "hex"));
}

export function ascii(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "utf8"));
}
