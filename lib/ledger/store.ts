// Read side of the ledger's storage, behind a small interface so the verification code
// (proofs, audit) never sees SQL. The PostgreSQL implementation reads the stored hashes in
// golang.org/x/mod/sumdb/tlog's layout, so a root, an inclusion proof or a consistency
// proof at any past size costs O(log n) hash reads in one query, never a scan.
import { asc, eq, gt, inArray } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { ledgerEntries, ledgerHashes, ledgerHead } from "@/lib/db/schema";
import type { CryptoBackend } from "@/lib/crypto/backend";
import { proveRecord, proveTree, treeHash, type HashReader } from "./merkle";

export interface StoredEntry {
  seq: number;
  /** The canonical JSON string, byte for byte as appended. */
  entry: string;
  leafHash: string;
  signature: string;
  keyName: string;
  type: string;
  department: string;
  subject: string;
  time: Date;
}

export interface LedgerStore {
  /** Number of committed entries. */
  treeSize(): Promise<number>;
  /** Whether the tree has at least `size` entries; answered from memory when it can (the tree only grows). */
  hasSize(size: number): Promise<boolean>;
  readHashes: HashReader;
  entry(seq: number): Promise<StoredEntry | null>;
  /** Up to `limit` entries with seq > afterSeq, in seq order (keyset pagination). */
  entriesAfter(afterSeq: number, limit: number): Promise<StoredEntry[]>;
}

function toStoredEntry(row: typeof ledgerEntries.$inferSelect): StoredEntry {
  return { ...row, seq: Number(row.seq) };
}

// Above this many indexes one IN list is split (proofs need ~2 log2 n, far fewer).
const HASHES_PER_QUERY = 5000;

// The largest size seen per database handle: a tree that had n entries always has n.
const sizeSeen = new WeakMap<object, number>();

export function postgresLedgerStore(q: Queryable): LedgerStore {
  const treeSize = async () => {
    const [row] = await q.select({ size: ledgerHead.size }).from(ledgerHead).where(eq(ledgerHead.id, 1));
    const size = row ? Number(row.size) : 0;
    if (size > (sizeSeen.get(q) ?? 0)) sizeSeen.set(q, size);
    return size;
  };
  return {
    treeSize,
    async hasSize(size) {
      if (size <= (sizeSeen.get(q) ?? 0)) return true;
      return size <= (await treeSize());
    },
    async readHashes(indexes) {
      const found = new Map<number, Uint8Array>();
      const unique = [...new Set(indexes)];
      for (let i = 0; i < unique.length; i += HASHES_PER_QUERY) {
        const chunk = unique.slice(i, i + HASHES_PER_QUERY);
        const rows = await q.select().from(ledgerHashes).where(inArray(ledgerHashes.idx, chunk));
        for (const row of rows) found.set(Number(row.idx), new Uint8Array(row.hash));
      }
      return indexes.map((index) => {
        const hash = found.get(index);
        if (!hash) throw new Error(`ledger_hashes has no row ${index}: the tree storage is damaged`);
        return hash;
      });
    },
    async entry(seq) {
      const [row] = await q.select().from(ledgerEntries).where(eq(ledgerEntries.seq, seq));
      return row ? toStoredEntry(row) : null;
    },
    async entriesAfter(afterSeq, limit) {
      const rows = await q.select().from(ledgerEntries).where(gt(ledgerEntries.seq, afterSeq)).orderBy(asc(ledgerEntries.seq)).limit(limit);
      return rows.map(toStoredEntry);
    },
  };
}

/** RFC 6962 root hash of the first `size` entries. */
export function rootAt(b: CryptoBackend, store: LedgerStore, size: number): Promise<Uint8Array> {
  return treeHash(b, size, store.readHashes);
}

/** RFC 6962 audit path for entry `seq` in the tree of `size` entries (leaf to root). */
export function inclusionProof(b: CryptoBackend, store: LedgerStore, seq: number, size: number): Promise<Uint8Array[]> {
  return proveRecord(b, size, seq, store.readHashes);
}

/** RFC 6962 consistency proof from the tree of `from` entries to the tree of `to`. */
export function consistencyProof(b: CryptoBackend, store: LedgerStore, from: number, to: number): Promise<Uint8Array[]> {
  return proveTree(b, to, from, store.readHashes);
}
