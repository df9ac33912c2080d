import { describe, expect, it } from "vitest";
import { hashLeaf, rootFromLeafHashes } from "../../core/log/merkle.ts";
import { RightEdge } from "./tile-hash-reader.ts";

const leaf = (i: number) => hashLeaf(Buffer.from(`leaf ${i}`));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("the sequencer's right edge", () => {
  it("has the RFC 6962 root at every size, appended or reloaded from its partial tiles", () => {
    const leaves: Uint8Array[] = [];
    const edge = new RightEdge(0, []);
    // Across the first full tile (256) and the first full level-1 tile would take 65,536 leaves; sizes
    // around 256 and 512 exercise a finished tile, its hash one level up, and a new partial tile.
    for (let i = 0; i < 700; i++) {
      leaves.push(leaf(i));
      edge.append(leaves[i]!);
      const expected = hex(rootFromLeafHashes(leaves));
      expect(hex(edge.root())).toBe(expected);
      if (i % 97 === 0 || i === 255 || i === 256 || i === 511) {
        const tiles = Array.from({ length: edge.levels }, (_, level) => [...edge.partialTile(level)]);
        const reloaded = new RightEdge(edge.size, tiles);
        expect(hex(reloaded.root())).toBe(expected);
        expect(hex(edge.clone().root())).toBe(expected);
      }
    }
  });
});
