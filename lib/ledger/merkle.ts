// RFC 6962 §2.1 Merkle tree hashing, audit paths (§2.1.1) and consistency proofs (§2.1.2),
// using the stored-hash layout of Go's golang.org/x/mod/sumdb/tlog (after Crosby & Wallach,
// "Efficient Data Structures for Tamper-Evident Logging", §3.3): every complete subtree's
// hash is stored once, at a dense index, when its last leaf is appended, so the root at any
// size and every proof cost O(log n) hash reads and never a scan. The algorithms follow
// tlog function by function so the proofs are byte-identical to tlog's (and to CT's).
//
// Sizes and indexes are plain numbers (exact up to 2^53); no 32-bit bitwise operators are
// used on them. Every function takes the crypto backend first so the same code runs on the
// server (node:crypto) and in the browser (noble).
import type { CryptoBackend } from "@/lib/crypto/backend";
import { bytesEqual } from "@/lib/crypto/bytes";

export const HASH_SIZE = 32;

/** Reads stored hashes by index, returned in the order asked (implementations batch the read). */
export type HashReader = (indexes: number[]) => Promise<Uint8Array[]>;

export type MerkleProblem =
  | "BAD_INPUT" // sizes/indexes out of range, or a hash that is not 32 bytes
  | "PROOF_LENGTH" // the proof has the wrong number of hashes for these sizes
  | "ROOT_MISMATCH" // the proof does not lead to the expected root
  | "OLD_ROOT_MISMATCH"; // a consistency proof does not reproduce the old root

export type MerkleResult = { ok: true } | { ok: false; reason: MerkleProblem };

/** leaf hash = SHA-256(0x00 ‖ entry bytes) */
export function leafHash(b: CryptoBackend, entryBytes: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + entryBytes.length);
  input[0] = 0x00;
  input.set(entryBytes, 1);
  return b.sha256(input);
}

/** node hash = SHA-256(0x01 ‖ left ‖ right) */
export function nodeHash(b: CryptoBackend, left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new Error("nodeHash: hashes must be 32 bytes");
  const input = new Uint8Array(1 + 2 * HASH_SIZE);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + HASH_SIZE);
  return b.sha256(input);
}

/** RFC 6962 MTH({}) = SHA-256 of the empty string (tlog uses all zeroes; nothing proves against it). */
export function emptyTreeHash(b: CryptoBackend): Uint8Array {
  return b.sha256(new Uint8Array());
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function shiftRight(n: number, bits: number): number {
  return Math.floor(n / 2 ** bits);
}

function trailingZeros(n: number): number {
  if (n === 0) return 64;
  let count = 0;
  while (n % 2 === 0) {
    n /= 2;
    count++;
  }
  return count;
}

/** The largest power of two strictly smaller than n (n ≥ 2), and its log₂. */
function maxPow2(n: number): { k: number; level: number } {
  let k = 1;
  let level = 0;
  while (k * 2 < n) {
    k *= 2;
    level++;
  }
  return { k, level };
}

/**
 * Dense storage index of the hash at (level, n): level 0 holds leaf hashes; the n-th hash of
 * level L covers leaves [n·2^L, (n+1)·2^L). In this order each record's leaf hash is followed
 * by the hashes of the subtrees that record completes, lowest level first, so appending only
 * ever writes at the end.
 */
export function storedHashIndex(level: number, n: number): number {
  if (!isCount(level) || !isCount(n)) throw new Error("storedHashIndex: bad coordinates");
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  let i = 0;
  for (; n > 0; n = half(n)) i += n;
  // Past 2^53 the arithmetic above is no longer exact; no real tree gets there.
  if (!Number.isSafeInteger(i + level)) throw new Error("storedHashIndex: beyond 2^53");
  return i + level;
}

/** Inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  if (!isCount(index)) throw new Error("splitStoredHashIndex: bad index");
  // storedHashIndex(0, n) < 2n, so the record that wrote this index is in [index/2, index/2 + log₂ index].
  let n = half(index);
  let indexN = storedHashIndex(0, n);
  if (indexN > index) throw new Error("splitStoredHashIndex: bad math");
  for (;;) {
    // Record n+1 adds 1 + trailingZeros(n+2) hashes after record n's.
    const x = indexN + 1 + trailingZeros(n + 1);
    if (x > index) break;
    n++;
    indexN = x;
  }
  const level = index - indexN;
  return { level, n: shiftRight(n, level) };
}

/** Number of stored hashes for a tree of n records. */
export function storedHashCount(n: number): number {
  if (!isCount(n)) throw new Error("storedHashCount: bad size");
  if (n === 0) return 0;
  let count = storedHashIndex(0, n - 1) + 1;
  for (let i = n - 1; i % 2 === 1; i = half(i)) count++;
  return count;
}

/** Indexes of the earlier hashes that record n's completed subtrees combine with. */
function appendIndexes(n: number): number[] {
  const m = trailingZeros(n + 1);
  const indexes = new Array<number>(m);
  for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, shiftRight(n, i) - 1);
  return indexes;
}

async function readExactly(reader: HashReader, indexes: number[]): Promise<Uint8Array[]> {
  if (indexes.length === 0) return [];
  const hashes = await reader(indexes);
  if (hashes.length !== indexes.length) {
    throw new Error(`merkle: HashReader returned ${hashes.length} hashes for ${indexes.length} indexes`);
  }
  for (const hash of hashes) {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) throw new Error("merkle: HashReader returned a hash that is not 32 bytes");
  }
  return hashes;
}

/**
 * The hashes to store when appending record n (0-based) with the given leaf hash, to be
 * written at storedHashIndex(0, n), storedHashIndex(0, n) + 1, …: the leaf hash, then one
 * hash per subtree the record completes. Reads at most log₂ n earlier hashes.
 */
export async function storedHashes(b: CryptoBackend, n: number, leaf: Uint8Array, reader: HashReader): Promise<Uint8Array[]> {
  if (!isCount(n)) throw new Error("storedHashes: bad record index");
  if (leaf.length !== HASH_SIZE) throw new Error("storedHashes: leaf hash must be 32 bytes");
  const indexes = appendIndexes(n);
  const old = await readExactly(reader, indexes);
  const hashes = [leaf];
  let h = leaf;
  for (let i = 0; i < indexes.length; i++) {
    h = nodeHash(b, old[indexes.length - 1 - i]!, h);
    hashes.push(h);
  }
  return hashes;
}

/**
 * Batch form of storedHashes for appending records start, start+1, … (group commit): one
 * read for the hashes already in storage, and every new hash with its index, in index order.
 */
export async function storedHashesForAppend(
  b: CryptoBackend,
  start: number,
  leafHashes: Uint8Array[],
  reader: HashReader,
): Promise<Array<{ index: number; hash: Uint8Array }>> {
  if (!isCount(start)) throw new Error("storedHashesForAppend: bad start");
  const firstNew = storedHashIndex(0, start);
  const needed = new Set<number>();
  for (let i = 0; i < leafHashes.length; i++) {
    for (const index of appendIndexes(start + i)) if (index < firstNew) needed.add(index);
  }
  const neededList = [...needed].sort((x, y) => x - y);
  const known = new Map<number, Uint8Array>();
  const read = await readExactly(reader, neededList);
  neededList.forEach((index, i) => known.set(index, read[i]!));
  const out: Array<{ index: number; hash: Uint8Array }> = [];
  for (let i = 0; i < leafHashes.length; i++) {
    const n = start + i;
    const leaf = leafHashes[i]!;
    if (leaf.length !== HASH_SIZE) throw new Error("storedHashesForAppend: leaf hash must be 32 bytes");
    const hashes = await storedHashes(b, n, leaf, async (indexes) => indexes.map((index) => known.get(index)!));
    let index = storedHashIndex(0, n);
    for (const hash of hashes) {
      known.set(index, hash);
      out.push({ index, hash });
      index++;
    }
  }
  return out;
}

/** Storage indexes of the perfect subtrees that make up leaves [lo, hi), left to right. */
function subTreeIndex(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const { k, level } = maxPow2(hi - lo + 1);
    if (lo % k !== 0) throw new Error("merkle: bad math in subTreeIndex");
    need.push(storedHashIndex(level, shiftRight(lo, level)));
    lo += k;
  }
  return need;
}

/** Hash of leaves [lo, hi) from the hashes subTreeIndex asked for; returns the rest. */
function subTreeHash(b: CryptoBackend, lo: number, hi: number, hashes: Uint8Array[]): [Uint8Array, Uint8Array[]] {
  let numTree = 0;
  while (lo < hi) {
    const { k } = maxPow2(hi - lo + 1);
    if (lo % k !== 0) throw new Error("merkle: bad math in subTreeHash");
    numTree++;
    lo += k;
  }
  if (numTree === 0 || hashes.length < numTree) throw new Error("merkle: bad index math in subTreeHash");
  // Fold right to left: the fringe on the right joins the larger subtree on its left.
  let h = hashes[numTree - 1]!;
  for (let i = numTree - 2; i >= 0; i--) h = nodeHash(b, hashes[i]!, h);
  return [h, hashes.slice(numTree)];
}

/** Root hash of the tree of the first n records (one read of at most 1 + log₂ n hashes). */
export async function treeHash(b: CryptoBackend, n: number, reader: HashReader): Promise<Uint8Array> {
  if (!isCount(n)) throw new Error("treeHash: bad size");
  if (n === 0) return emptyTreeHash(b);
  const indexes = subTreeIndex(0, n, []);
  const [hash, rest] = subTreeHash(b, 0, n, await readExactly(reader, indexes));
  if (rest.length !== 0) throw new Error("merkle: bad index math in treeHash");
  return hash;
}

function leafProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (!(lo <= n && n < hi)) throw new Error("merkle: bad math in leafProofIndex");
  if (lo + 1 === hi) return need;
  const { k } = maxPow2(hi - lo);
  if (n < lo + k) {
    leafProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    leafProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function leafProof(b: CryptoBackend, lo: number, hi: number, n: number, hashes: Uint8Array[]): [Uint8Array[], Uint8Array[]] {
  if (!(lo <= n && n < hi)) throw new Error("merkle: bad math in leafProof");
  if (lo + 1 === hi) return [[], hashes];
  const { k } = maxPow2(hi - lo);
  let proof: Uint8Array[];
  let sibling: Uint8Array;
  if (n < lo + k) {
    [proof, hashes] = leafProof(b, lo, lo + k, n, hashes);
    [sibling, hashes] = subTreeHash(b, lo + k, hi, hashes);
  } else {
    [sibling, hashes] = subTreeHash(b, lo, lo + k, hashes);
    [proof, hashes] = leafProof(b, lo + k, hi, n, hashes);
  }
  proof.push(sibling);
  return [proof, hashes];
}

/** RFC 6962 audit path (leaf to root) proving record n is in the tree of size t. */
export async function proveRecord(b: CryptoBackend, t: number, n: number, reader: HashReader): Promise<Uint8Array[]> {
  if (!isCount(t) || !isCount(n) || n >= t) throw new Error("proveRecord: need 0 ≤ n < t");
  const indexes = leafProofIndex(0, t, n, []);
  const [proof, rest] = leafProof(b, 0, t, n, await readExactly(reader, indexes));
  if (rest.length !== 0) throw new Error("merkle: bad index math in proveRecord");
  return proof;
}

function treeProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (!(lo < n && n <= hi)) throw new Error("merkle: bad math in treeProofIndex");
  if (n === hi) {
    if (lo === 0) return need;
    return subTreeIndex(lo, hi, need);
  }
  const { k } = maxPow2(hi - lo);
  if (n <= lo + k) {
    treeProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    treeProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function treeProof(b: CryptoBackend, lo: number, hi: number, n: number, hashes: Uint8Array[]): [Uint8Array[], Uint8Array[]] {
  if (!(lo < n && n <= hi)) throw new Error("merkle: bad math in treeProof");
  if (n === hi) {
    // The verifier knows the old root, so the subtree that is exactly the old tree is not sent.
    if (lo === 0) return [[], hashes];
    const [h, rest] = subTreeHash(b, lo, hi, hashes);
    return [[h], rest];
  }
  const { k } = maxPow2(hi - lo);
  let proof: Uint8Array[];
  let sibling: Uint8Array;
  if (n <= lo + k) {
    [proof, hashes] = treeProof(b, lo, lo + k, n, hashes);
    [sibling, hashes] = subTreeHash(b, lo + k, hi, hashes);
  } else {
    [sibling, hashes] = subTreeHash(b, lo, lo + k, hashes);
    [proof, hashes] = treeProof(b, lo + k, hi, n, hashes);
  }
  proof.push(sibling);
  return [proof, hashes];
}

/** RFC 6962 consistency proof that the tree of size t extends the tree of size n (n == t gives []). */
export async function proveTree(b: CryptoBackend, t: number, n: number, reader: HashReader): Promise<Uint8Array[]> {
  if (!isCount(t) || !isCount(n) || n < 1 || n > t) throw new Error("proveTree: need 1 ≤ n ≤ t");
  const indexes = treeProofIndex(0, t, n, []);
  const [proof, rest] = treeProof(b, 0, t, n, await readExactly(reader, indexes));
  if (rest.length !== 0) throw new Error("merkle: bad index math in proveTree");
  return proof;
}

function hashesWellFormed(hashes: Uint8Array[]): boolean {
  return Array.isArray(hashes) && hashes.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE);
}

/** Root implied by an audit path, or null when the path has the wrong length. */
function runRecordProof(b: CryptoBackend, proof: Uint8Array[], lo: number, hi: number, n: number, leaf: Uint8Array): Uint8Array | null {
  if (lo + 1 === hi) return proof.length === 0 ? leaf : null;
  if (proof.length === 0) return null;
  const last = proof[proof.length - 1]!;
  const rest = proof.slice(0, -1);
  const { k } = maxPow2(hi - lo);
  if (n < lo + k) {
    const h = runRecordProof(b, rest, lo, lo + k, n, leaf);
    return h && nodeHash(b, h, last);
  }
  const h = runRecordProof(b, rest, lo + k, hi, n, leaf);
  return h && nodeHash(b, last, h);
}

/** Checks an audit path: record n with leaf hash `leaf` is in the tree of size t with root th. */
export function verifyInclusion(b: CryptoBackend, proof: Uint8Array[], t: number, th: Uint8Array, n: number, leaf: Uint8Array): MerkleResult {
  if (!isCount(t) || !isCount(n) || n >= t) return { ok: false, reason: "BAD_INPUT" };
  if (!hashesWellFormed(proof) || !hashesWellFormed([th, leaf])) return { ok: false, reason: "BAD_INPUT" };
  const root = runRecordProof(b, proof, 0, t, n, leaf);
  if (!root) return { ok: false, reason: "PROOF_LENGTH" };
  return bytesEqual(root, th) ? { ok: true } : { ok: false, reason: "ROOT_MISMATCH" };
}

/** Boolean form of verifyInclusion (tlog.CheckRecord). */
export function checkRecord(b: CryptoBackend, proof: Uint8Array[], t: number, th: Uint8Array, n: number, leaf: Uint8Array): boolean {
  return verifyInclusion(b, proof, t, th, n, leaf).ok;
}

/** [old-tree hash, new-tree hash] implied by a consistency proof, or null on wrong length. */
function runTreeProof(b: CryptoBackend, proof: Uint8Array[], lo: number, hi: number, n: number, old: Uint8Array): [Uint8Array, Uint8Array] | null {
  if (n === hi) {
    if (lo === 0) return proof.length === 0 ? [old, old] : null;
    return proof.length === 1 ? [proof[0]!, proof[0]!] : null;
  }
  if (proof.length === 0) return null;
  const last = proof[proof.length - 1]!;
  const rest = proof.slice(0, -1);
  const { k } = maxPow2(hi - lo);
  if (n <= lo + k) {
    const r = runTreeProof(b, rest, lo, lo + k, n, old);
    return r && [r[0], nodeHash(b, r[1], last)];
  }
  const r = runTreeProof(b, rest, lo + k, hi, n, old);
  return r && [nodeHash(b, last, r[0]), nodeHash(b, last, r[1])];
}

/** Checks a consistency proof: the tree of size t with root th extends the tree of size n with root h. */
export function verifyConsistency(b: CryptoBackend, proof: Uint8Array[], t: number, th: Uint8Array, n: number, h: Uint8Array): MerkleResult {
  if (!isCount(t) || !isCount(n) || n < 1 || n > t) return { ok: false, reason: "BAD_INPUT" };
  if (!hashesWellFormed(proof) || !hashesWellFormed([th, h])) return { ok: false, reason: "BAD_INPUT" };
  const r = runTreeProof(b, proof, 0, t, n, h);
  if (!r) return { ok: false, reason: "PROOF_LENGTH" };
  if (!bytesEqual(r[1], th)) return { ok: false, reason: "ROOT_MISMATCH" };
  if (!bytesEqual(r[0], h)) return { ok: false, reason: "OLD_ROOT_MISMATCH" };
  return { ok: true };
}

/** Boolean form of verifyConsistency (tlog.CheckTree). */
export function checkTree(b: CryptoBackend, proof: Uint8Array[], t: number, th: Uint8Array, n: number, h: Uint8Array): boolean {
  return verifyConsistency(b, proof, t, th, n, h).ok;
}

/**
 * Incremental root over a stream of leaf hashes in O(log n) memory: the right edge of the
 * tree as a stack of perfect-subtree hashes, largest (leftmost) first; the stack mirrors the
 * binary digits of the size. Used by the auditor, which reads entries once, in order.
 */
export class TreeBuilder {
  readonly #b: CryptoBackend;
  readonly #stack: Array<{ hash: Uint8Array; leaves: number }> = [];
  #size = 0;

  constructor(b: CryptoBackend) {
    this.#b = b;
  }

  get size(): number {
    return this.#size;
  }

  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new Error("TreeBuilder: leaf hash must be 32 bytes");
    let node = { hash: leaf, leaves: 1 };
    for (let top = this.#stack.at(-1); top && top.leaves === node.leaves; top = this.#stack.at(-1)) {
      this.#stack.pop();
      node = { hash: nodeHash(this.#b, top.hash, node.hash), leaves: top.leaves * 2 };
    }
    this.#stack.push(node);
    this.#size++;
  }

  /** RFC 6962 root of the leaves appended so far. */
  root(): Uint8Array {
    if (this.#stack.length === 0) return emptyTreeHash(this.#b);
    let h = this.#stack[this.#stack.length - 1]!.hash;
    for (let i = this.#stack.length - 2; i >= 0; i--) h = nodeHash(this.#b, this.#stack[i]!.hash, h);
    return h;
  }
}
