// RFC 6962 tree heads and proofs against golang.org/x/mod/sumdb/tlog output
// (testdata/merkle-rfc6962.json, a copy of shared/vectors), plus negative cases.
import { describe, expect, it } from "vitest";
import type { CryptoBackend } from "@/lib/crypto/backend";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { fromBase64, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import {
  checkRecord,
  checkTree,
  leafHash,
  proveRecord,
  proveTree,
  splitStoredHashIndex,
  storedHashCount,
  storedHashes,
  storedHashesForAppend,
  storedHashIndex,
  treeHash,
  TreeBuilder,
  verifyConsistency,
  verifyInclusion,
  type HashReader,
} from "./merkle";
import vectors from "./testdata/merkle-rfc6962.json";
import modifiedProofBit from "./testdata/modified-proof-bit.json";
import wrongLeaf from "./testdata/wrong-leaf.json";
import wrongSize from "./testdata/wrong-size.json";

type NegativeCase = (typeof wrongSize.cases)[number];

/** In-memory hash storage: what the Postgres table does, as a Map. */
function memoryStore() {
  const hashes = new Map<number, Uint8Array>();
  const reads: number[][] = [];
  const reader: HashReader = async (indexes) => {
    reads.push(indexes);
    return indexes.map((i) => {
      const h = hashes.get(i);
      if (!h) throw new Error(`no stored hash at ${i}`);
      return h;
    });
  };
  return { hashes, reader, reads };
}

async function buildTree(b: CryptoBackend, entries: string[]) {
  const store = memoryStore();
  for (let n = 0; n < entries.length; n++) {
    const added = await storedHashes(b, n, leafHash(b, utf8Encode(entries[n]!)), store.reader);
    added.forEach((h, i) => store.hashes.set(storedHashIndex(0, n) + i, h));
    expect(store.hashes.size).toBe(storedHashCount(n + 1));
  }
  return store;
}

const b64 = (list: Uint8Array[]) => list.map(toBase64);

describe.each([nodeBackend, nobleBackend])("merkle with $name", (b) => {
  it("every leaf hash matches", () => {
    vectors.entries.forEach((entry, i) => {
      expect(toBase64(leafHash(b, utf8Encode(entry)))).toBe(vectors.leafHashes[i]);
    });
  });

  it("the root at every size, every inclusion and every consistency proof match byte for byte", async () => {
    const store = await buildTree(b, vectors.entries);
    for (const [size, root] of Object.entries(vectors.roots)) {
      expect(toBase64(await treeHash(b, Number(size), store.reader))).toBe(root);
    }
    for (const c of vectors.inclusion) {
      const proof = await proveRecord(b, c.treeSize, c.seq, store.reader);
      expect(b64(proof)).toEqual(c.proof);
      const root = fromBase64(vectors.roots[String(c.treeSize) as keyof typeof vectors.roots]);
      expect(checkRecord(b, proof, c.treeSize, root, c.seq, fromBase64(c.leafHash))).toBe(true);
    }
    for (const c of vectors.consistency) {
      const proof = await proveTree(b, c.to, c.from, store.reader);
      expect(b64(proof)).toEqual(c.proof);
      const roots = vectors.roots as Record<string, string>;
      expect(checkTree(b, proof, c.to, fromBase64(roots[String(c.to)]!), c.from, fromBase64(roots[String(c.from)]!))).toBe(true);
    }
    expect(vectors.inclusion.length).toBe(153);
    expect(vectors.consistency.length).toBe(153);
  });

  it("batch append stores the same hashes at the same indexes as one-by-one appends", async () => {
    const single = await buildTree(b, vectors.entries);
    const batched = memoryStore();
    const leaves = vectors.entries.map((e) => leafHash(b, utf8Encode(e)));
    for (const [start, end] of [[0, 1], [1, 6], [6, 7], [7, 17]] as const) {
      const before = batched.reads.length;
      for (const { index, hash } of await storedHashesForAppend(b, start, leaves.slice(start, end), batched.reader)) {
        expect(batched.hashes.has(index)).toBe(false);
        batched.hashes.set(index, hash);
      }
      expect(batched.reads.length - before).toBeLessThanOrEqual(1);
    }
    expect([...batched.hashes.keys()].sort((x, y) => x - y)).toEqual([...single.hashes.keys()].sort((x, y) => x - y));
    for (const [i, h] of single.hashes) expect(toBase64(batched.hashes.get(i)!)).toBe(toBase64(h));
  });

  it("TreeBuilder's incremental root equals the vector root at every size", () => {
    const builder = new TreeBuilder(b);
    vectors.entries.forEach((entry, i) => {
      builder.append(leafHash(b, utf8Encode(entry)));
      expect(builder.size).toBe(i + 1);
      expect(toBase64(builder.root())).toBe((vectors.roots as Record<string, string>)[String(i + 1)]);
    });
  });

  describe.each([
    ["wrong-leaf", wrongLeaf.cases],
    ["modified-proof-bit", modifiedProofBit.cases],
    ["wrong-size", wrongSize.cases],
  ] as Array<[string, NegativeCase[]]>)("%s", (_name, cases) => {
    it.each(cases)("$about → $reason", (c) => {
      const proof = c.proof.map(fromBase64);
      const result =
        c.kind === "inclusion"
          ? verifyInclusion(b, proof, c.treeSize!, fromBase64(c.root!), c.seq!, fromBase64(c.leafHash!))
          : verifyConsistency(b, proof, c.to!, fromBase64(c.newRoot!), c.from!, fromBase64(c.oldRoot!));
      expect(result).toEqual({ ok: false, reason: c.reason });
    });
  });
});

describe("stored hash layout (tlog)", () => {
  it("index ↔ (level, n) round-trips, and layout matches tlog's documented order", () => {
    // Records 0..3: leaf0, leaf1, node(0..1), leaf2, leaf3, node(2..3), node(0..3)
    expect([storedHashIndex(0, 0), storedHashIndex(0, 1), storedHashIndex(1, 0), storedHashIndex(0, 2)]).toEqual([0, 1, 2, 3]);
    expect([storedHashIndex(0, 3), storedHashIndex(1, 1), storedHashIndex(2, 0)]).toEqual([4, 5, 6]);
    for (let index = 0; index < 5000; index++) {
      const { level, n } = splitStoredHashIndex(index);
      expect(storedHashIndex(level, n)).toBe(index);
    }
    expect([0, 1, 2, 3, 4, 5, 8, 17].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 8, 15, 32]);
  });

  it("works beyond 32 bits without overflow", () => {
    const n = 2 ** 40 + 12345;
    const index = storedHashIndex(3, n);
    expect(splitStoredHashIndex(index)).toEqual({ level: 3, n });
    expect(storedHashCount(2 ** 41)).toBe(2 * 2 ** 41 - 1);
    expect(() => storedHashIndex(0, 2 ** 52 + 1)).toThrow(/2\^53/);
  });

  it("proofs read O(log n) hashes in one batch", async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => `{"n":${i}}`);
    const store = await buildTree(nodeBackend, entries);
    store.reads.length = 0;
    await proveRecord(nodeBackend, 1000, 567, store.reader);
    await proveTree(nodeBackend, 1000, 333, store.reader);
    await treeHash(nodeBackend, 999, store.reader);
    expect(store.reads.length).toBe(3);
    for (const read of store.reads) expect(read.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(1000)));
  });

  it("refuses out-of-range requests", async () => {
    const store = await buildTree(nodeBackend, ["a", "b"]);
    await expect(proveRecord(nodeBackend, 2, 2, store.reader)).rejects.toThrow();
    await expect(proveTree(nodeBackend, 2, 0, store.reader)).rejects.toThrow();
    await expect(proveTree(nodeBackend, 2, 3, store.reader)).rejects.toThrow();
    const short: HashReader = async () => [];
    await expect(treeHash(nodeBackend, 2, short)).rejects.toThrow(/HashReader/);
  });

  it("rejects hashes of the wrong length in verification instead of throwing", () => {
    const h = new Uint8Array(32);
    expect(verifyInclusion(nodeBackend, [new Uint8Array(31)], 2, h, 0, h)).toEqual({ ok: false, reason: "BAD_INPUT" });
    expect(verifyConsistency(nodeBackend, [], 2, new Uint8Array(33), 2, h)).toEqual({ ok: false, reason: "BAD_INPUT" });
    expect(verifyInclusion(nodeBackend, [], 1.5, h, 0, h)).toEqual({ ok: false, reason: "BAD_INPUT" });
  });
});
