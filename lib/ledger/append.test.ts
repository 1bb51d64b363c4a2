import { describe, expect, it } from "vitest";
import { nodeBackend as b } from "@/lib/crypto/backend-node";
import { utf8Encode } from "@/lib/crypto/bytes";
import { advanceTree } from "./append";
import { leafHash, storedHashes, storedHashIndex } from "./merkle";

describe("advanceTree", () => {
  it("stores the same hashes as tlog's StoredHashes (merkle.ts), from the frontier alone", async () => {
    const stored = new Map<number, Uint8Array>();
    let frontier: Uint8Array = new Uint8Array();
    for (let n = 0; n < 300; n++) {
      const leaf = leafHash(b, utf8Encode(`record ${n}`));
      const expected = await storedHashes(b, n, leaf, async (indexes) => indexes.map((index) => stored.get(index)!));
      const advanced = advanceTree(b, n, frontier, leaf);
      expect(advanced.hashes, `record ${n}`).toEqual(expected);
      expected.forEach((hash, i) => stored.set(storedHashIndex(0, n) + i, hash));
      frontier = advanced.frontier;
    }
  });

  it("refuses a frontier of the wrong length for the size", () => {
    const leaf = new Uint8Array(32);
    expect(() => advanceTree(b, 3, new Uint8Array(32), leaf)).toThrow(/frontier/);
  });
});
