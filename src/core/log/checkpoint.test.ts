import { describe, expect, it } from "vitest";
import { formatCheckpoint, parseCheckpoint } from "./checkpoint.ts";
import { LogError } from "./log-error.ts";
import { emptyRoot } from "./merkle.ts";

const root = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

describe("tlog-checkpoint body (c2sp.org/tlog-checkpoint v1.0.0)", () => {
  it("parses origin, size, root and extension lines, and formats them back", () => {
    const text = `example.com/log\n0\n${root}\nextension one\n`;
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint).toEqual({
      origin: "example.com/log",
      size: 0,
      rootHash: emptyRoot(),
      extensions: ["extension one"],
    });
    expect(formatCheckpoint(checkpoint)).toBe(text);
  });

  it.each([
    ["no final newline", `example.com/log\n0\n${root}`],
    ["only two lines", "example.com/log\n0\n"],
    ["empty origin", `\n0\n${root}\n`],
    ["size with a leading zero", `example.com/log\n01\n${root}\n`],
    ["negative size", `example.com/log\n-1\n${root}\n`],
    ["size above 2^53", `example.com/log\n9007199254740993\n${root}\n`],
    ["root of 31 bytes", "example.com/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n"],
    ["non-canonical base64 root (trailing bits)", `example.com/log\n1\n${root.slice(0, 42)}V=\n`],
    ["unpadded base64 root", `example.com/log\n1\n${root.slice(0, 43)}\n`],
    ["empty extension line", `example.com/log\n1\n${root}\n\n`],
  ])("rejects %s with MALFORMED_CHECKPOINT", (_why, text) => {
    expect(() => parseCheckpoint(text)).toThrow(LogError);
    expect(() => parseCheckpoint(text)).toThrow(expect.objectContaining({ code: "MALFORMED_CHECKPOINT" }));
  });

  it("refuses to format a checkpoint that could not be parsed back", () => {
    const good = { origin: "example.com/log", size: 1, rootHash: emptyRoot(), extensions: [] };
    for (const bad of [
      { ...good, origin: "two\nlines" },
      { ...good, size: -1 },
      { ...good, rootHash: new Uint8Array(31) },
      { ...good, extensions: [""] },
    ]) {
      expect(() => formatCheckpoint(bad)).toThrow(expect.objectContaining({ code: "MALFORMED_CHECKPOINT" }));
    }
  });
});
