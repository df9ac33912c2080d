/** Public API of the transparency-log pure core. */

export { bytesEqual, decodeBase64Strict, decodeHex, encodeBase64, encodeHex } from "./bytes.ts";
export * from "./checkpoint.ts";
export * from "./cosignature.ts";
export * from "./log-error.ts";
export * from "./merkle.ts";
export * from "./note.ts";
export * from "./proof-file.ts";
export * from "./tiles.ts";
export * from "./witness.ts";
