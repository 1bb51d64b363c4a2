// Tamper tests for the streaming auditor: a small ledger built with real Ed25519 keys, then
// broken each way an attacker with database access could, each caught at the right seq.
import { describe, expect, it } from "vitest";
import { ED25519_L, littleEndianToBigInt } from "@/lib/crypto/backend";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { publicKeyFromSeed, signEd25519 } from "@/lib/crypto/ed25519-node";
import {
  auditCheckpointNote,
  createAuditor,
  verifySignatureBatch,
  type AuditKey,
  type AuditProblem,
  type AuditRow,
} from "./audit-core";
import { encodeEntry, type LedgerEntry } from "./entry";
import { leafHash, storedHashes, storedHashIndex, treeHash } from "./merkle";
import { checkpointBody, noteKeyHash, signNote } from "./note";

const b = nodeBackend;
const seedOf = (byte: number) => new Uint8Array(32).fill(byte);

interface TestKey extends AuditKey {
  seed: Uint8Array;
}

function key(name: string, department: string, role: string, byte: number, validFrom: string, validUntil: string | null, status = "active"): TestKey {
  const seed = seedOf(byte);
  return { name, department, role, status, seed, publicKey: publicKeyFromSeed(seed), validFrom, validUntil };
}

const KEYS: TestKey[] = [
  key("deedchain-log-1", "registry", "log", 1, "2026-01-01T00:00:00Z", null),
  key("deedchain-registry-1", "registry", "department", 2, "2026-01-01T00:00:00Z", null),
  key("deedchain-tax-1", "tax", "department", 3, "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "retired"),
  key("deedchain-tax-2", "tax", "department", 4, "2026-06-01T00:00:00Z", null),
  key("deedchain-police-1", "police", "department", 5, "2026-01-01T00:00:00Z", null),
];
const keyNamed = (name: string) => KEYS.find((k) => k.name === name)!;

interface Spec {
  department: string;
  keyName: string;
  time: string;
  /** Deliberately wrong prev (a signer building a fork). */
  prev?: string;
}

// 12 entries over the tax key rotation on 2026-06-01.
const SPECS: Spec[] = [
  { department: "registry", keyName: "deedchain-registry-1", time: "2026-03-01T08:00:00Z" },
  { department: "tax", keyName: "deedchain-tax-1", time: "2026-03-01T08:00:01Z" },
  { department: "police", keyName: "deedchain-police-1", time: "2026-03-02T09:30:00.250Z" },
  { department: "registry", keyName: "deedchain-registry-1", time: "2026-04-10T10:00:00Z" },
  { department: "tax", keyName: "deedchain-tax-1", time: "2026-05-31T23:59:59.999Z" },
  { department: "tax", keyName: "deedchain-tax-2", time: "2026-06-01T00:00:00Z" },
  { department: "registry", keyName: "deedchain-registry-1", time: "2026-06-02T00:00:00Z" },
  { department: "police", keyName: "deedchain-police-1", time: "2026-07-01T12:00:00Z" },
  { department: "tax", keyName: "deedchain-tax-2", time: "2026-08-01T12:00:00Z" },
  { department: "registry", keyName: "deedchain-registry-1", time: "2026-09-01T12:00:00Z" },
  { department: "police", keyName: "deedchain-police-1", time: "2026-10-01T12:00:00Z" },
  { department: "registry", keyName: "deedchain-registry-1", time: "2026-11-01T12:00:00Z" },
];

function makeEntry(seq: number, spec: Spec, prev: string): LedgerEntry {
  return {
    v: 1,
    seq,
    type: "verification.answered",
    contract: "transfer@1",
    department: spec.department,
    actor: `staff:${spec.department}:${seq % 3}`,
    time: spec.time,
    subject: `application:${1000 + seq}`,
    payload: { answer: seq % 2 === 0 ? "yes" : "no", check: `${spec.department}.sample`, n: seq },
    prev: spec.prev ?? prev,
  };
}

function signRow(seq: number, text: string, keyName: string): AuditRow {
  const bytes = utf8Encode(text);
  return { seq, entry: text, leafHash: leafHash(b, bytes), signature: signEd25519(keyNamed(keyName).seed, bytes), keyName };
}

function buildLedger(specs: Spec[] = SPECS): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = "";
  specs.forEach((spec, seq) => {
    const row = signRow(seq, encodeEntry(makeEntry(seq, spec, prev)), spec.keyName);
    rows.push(row);
    prev = toBase64(row.leafHash);
  });
  return rows;
}

async function rootOf(rows: AuditRow[], size = rows.length): Promise<Uint8Array> {
  const stored = new Map<number, Uint8Array>();
  const reader = async (indexes: number[]) => indexes.map((i) => stored.get(i)!);
  for (let n = 0; n < size; n++) {
    (await storedHashes(b, n, rows[n]!.leafHash, reader)).forEach((h, i) => stored.set(storedHashIndex(0, n) + i, h));
  }
  return treeHash(b, size, reader);
}

function audit(rows: AuditRow[], checkpoint?: { size: number; rootHash: Uint8Array }, rootsAt?: number[]): AuditProblem | null {
  const auditor = createAuditor(b, { keys: KEYS, rootsAt });
  for (const row of rows) {
    const problem = auditor.add(row);
    if (problem) return problem;
  }
  return checkpoint ? auditor.finish(checkpoint) : null;
}

/** Same audit with signatures deferred and verified in batches of `batchSize`. */
function auditDeferred(rows: AuditRow[], checkpoint: { size: number; rootHash: Uint8Array }, batchSize = 4): AuditProblem | null {
  const auditor = createAuditor(nobleBackend, { keys: KEYS, deferSignatures: true });
  const settle = () => {
    const batch = auditor.takeSignatureChecks();
    return auditor.settleSignatures(batch, verifySignatureBatch(nobleBackend, batch.checks));
  };
  for (const row of rows) {
    const problem = auditor.add(row);
    if (problem) return settle() ?? problem;
    if ((row.seq + 1) % batchSize === 0) {
      const early = settle();
      if (early) return early;
    }
  }
  return settle() ?? auditor.finish(checkpoint);
}

const withEntry = (row: AuditRow, edit: (e: LedgerEntry) => void): string => {
  const entry = JSON.parse(row.entry) as LedgerEntry;
  edit(entry);
  return encodeEntry(entry);
};

describe("audit", () => {
  const rows = buildLedger();

  it("happy path: every check passes and the root matches the tree's", async () => {
    const root = await rootOf(rows);
    expect(audit(rows, { size: rows.length, rootHash: root })).toBeNull();
    expect(auditDeferred(rows, { size: rows.length, rootHash: root })).toBeNull();
    const auditor = createAuditor(b, { keys: KEYS });
    rows.forEach((row) => auditor.add(row));
    expect(auditor.size).toBe(12);
    expect(toBase64(auditor.root())).toBe(toBase64(root));
  });

  it("checks an older checkpoint with a root kept on the way", async () => {
    const root7 = await rootOf(rows, 7);
    expect(audit(rows, { size: 7, rootHash: root7 }, [7])).toBeNull();
    expect(audit(rows, { size: 7, rootHash: await rootOf(rows, 8) }, [7])).toMatchObject({ seq: 6, reason: "ROOT_MISMATCH" });
    expect(() => audit(rows, { size: 7, rootHash: root7 })).toThrow(/rootsAt/);
  });

  const tampers: Array<[string, () => { rows: AuditRow[]; checkpoint?: { size: number; rootHash: Uint8Array } }, number, AuditProblem["reason"]]> = [
    [
      "edit a payload",
      () => ({ rows: rows.map((r) => (r.seq === 5 ? { ...r, entry: withEntry(r, (e) => (e.payload.answer = "yes")) } : r)) }),
      5,
      "LEAF_HASH",
    ],
    [
      "edit a payload and its stored leaf hash",
      () => ({
        rows: rows.map((r) => {
          if (r.seq !== 5) return r;
          const entry = withEntry(r, (e) => (e.payload.answer = "yes"));
          return { ...r, entry, leafHash: leafHash(b, utf8Encode(entry)) };
        }),
      }),
      5,
      "BAD_SIGNATURE",
    ],
    ["delete a middle row", () => ({ rows: rows.filter((r) => r.seq !== 4) }), 4, "SEQ_GAP"],
    [
      "swap two rows (keeping the seq column)",
      () => ({ rows: rows.map((r) => (r.seq === 3 ? { ...rows[4]!, seq: 3 } : r.seq === 4 ? { ...rows[3]!, seq: 4 } : r)) }),
      3,
      "SEQ_GAP",
    ],
    ["swap two rows (reading them out of order)", () => ({ rows: [...rows.slice(0, 3), rows[4]!, rows[3]!, ...rows.slice(5)] }), 3, "SEQ_GAP"],
    [
      "flip a signature bit",
      () => ({
        rows: rows.map((r) => {
          if (r.seq !== 8) return r;
          const signature = Uint8Array.from(r.signature);
          signature[17] = signature[17]! ^ 0x04;
          return { ...r, signature };
        }),
      }),
      8,
      "BAD_SIGNATURE",
    ],
    [
      // Ed25519 malleability (RFC 8032 §5.1.7: S must be < L): S + L verifies under a cofactorless
      // check that forgets the range test, and would give the same entry a second valid signature.
      "malleate a signature (S + L)",
      () => ({
        rows: rows.map((r) => {
          if (r.seq !== 6) return r;
          const malleated = littleEndianToBigInt(r.signature.subarray(32)) + ED25519_L;
          const s = new Uint8Array(32);
          for (let i = 0, v = malleated; i < 32; i++, v >>= 8n) s[i] = Number(v & 0xffn);
          const signature = new Uint8Array(64);
          signature.set(r.signature.subarray(0, 32));
          signature.set(s, 32);
          return { ...r, signature };
        }),
      }),
      6,
      "BAD_SIGNATURE",
    ],
    ["re-insert an old entry at the end", () => ({ rows: [...rows, { ...rows[2]!, seq: 12 }] }), 12, "SEQ_GAP"],
    ["re-insert an old entry over a deleted one", () => ({ rows: rows.map((r) => (r.seq === 9 ? { ...rows[1]!, seq: 9 } : r)) }), 9, "SEQ_GAP"],
    [
      "re-sign an entry with a broken prev link",
      () => ({ rows: buildLedger(SPECS.map((s, i) => (i === 6 ? { ...s, prev: toBase64(rows[4]!.leafHash) } : s))) }),
      6,
      "PREV_LINK",
    ],
    [
      "key used after its window (old tax key after rotation)",
      () => ({ rows: buildLedger(SPECS.map((s, i) => (i === 8 ? { ...s, keyName: "deedchain-tax-1" } : s))) }),
      8,
      "KEY_NOT_VALID",
    ],
    [
      "key used before its window (new tax key before rotation)",
      () => ({ rows: buildLedger(SPECS.map((s, i) => (i === 4 ? { ...s, keyName: "deedchain-tax-2" } : s))) }),
      4,
      "KEY_NOT_VALID",
    ],
    [
      "entry signed by another department's key",
      () => ({ rows: buildLedger(SPECS.map((s, i) => (i === 2 ? { ...s, keyName: "deedchain-registry-1" } : s))) }),
      2,
      "KEY_DEPARTMENT",
    ],
    [
      "entry signed by the log key",
      () => ({ rows: buildLedger(SPECS.map((s, i) => (i === 3 ? { ...s, keyName: "deedchain-log-1" } : s))) }),
      3,
      "KEY_DEPARTMENT",
    ],
    ["row names an unknown key", () => ({ rows: rows.map((r) => (r.seq === 7 ? { ...r, keyName: "deedchain-police-9" } : r)) }), 7, "UNKNOWN_KEY"],
    [
      "non-canonical entry text (re-hashed and re-signed)",
      () => ({ rows: rows.map((r) => (r.seq === 10 ? signRow(10, r.entry.replace(",", ", "), r.keyName) : r)) }),
      10,
      "NOT_CANONICAL",
    ],
    ["delete the last rows", () => ({ rows: rows.slice(0, 9) }), 9, "TREE_TOO_SHORT"],
    ["checkpoint with a wrong root", () => ({ rows, checkpoint: { size: 12, rootHash: new Uint8Array(32).fill(7) } }), 11, "ROOT_MISMATCH"],
  ];

  it.each(tampers)("%s → seq %i, %s", async (_label, tamper, seq, reason) => {
    const { rows: tampered, checkpoint } = tamper();
    const cp = checkpoint ?? { size: 12, rootHash: await rootOf(rows) };
    expect(audit(tampered, cp)).toMatchObject({ seq, reason });
    expect(auditDeferred(tampered, cp)).toMatchObject({ seq, reason });
  });

  it("deferred mode reports a bad signature before a later structural problem", async () => {
    const tampered = rows.map((r) => (r.seq === 2 ? { ...r, signature: new Uint8Array(64) } : r)).filter((r) => r.seq !== 5);
    expect(auditDeferred(tampered, { size: 12, rootHash: await rootOf(rows) }, 100)).toMatchObject({ seq: 2, reason: "BAD_SIGNATURE" });
  });

  it("keeps returning the first problem", () => {
    const auditor = createAuditor(b, { keys: KEYS });
    auditor.add(rows[0]!);
    const first = auditor.add(rows[2]!);
    expect(first).toMatchObject({ seq: 1, reason: "SEQ_GAP" });
    expect(auditor.add(rows[1]!)).toBe(first);
    expect(auditor.finish({ size: 1, rootHash: rows[0]!.leafHash })).toBe(first);
  });

  it("a wrong-length leaf hash or signature is a finding, not a crash", () => {
    expect(audit([{ ...rows[0]!, leafHash: new Uint8Array(31) }])).toMatchObject({ seq: 0, reason: "LEAF_HASH" });
    expect(audit([{ ...rows[0]!, signature: new Uint8Array(63) }])).toMatchObject({ seq: 0, reason: "BAD_SIGNATURE" });
  });
});

describe("auditCheckpointNote", () => {
  const rows = buildLedger();
  const signer = (name: string) => {
    const k = keyNamed(name);
    return { name, keyHash: noteKeyHash(b, name, k.publicKey), sign: (m: Uint8Array) => signEd25519(k.seed, m) };
  };

  it("accepts a log-signed checkpoint and counts active department cosigners toward the quorum", async () => {
    const root = await rootOf(rows);
    const body = checkpointBody("deedchain.example/ledger", 12, root);
    const note = signNote(body, [signer("deedchain-log-1"), signer("deedchain-tax-1"), signer("deedchain-tax-2"), signer("deedchain-police-1")]);
    const result = auditCheckpointNote(b, note, KEYS, { quorum: 2, origin: "deedchain.example/ledger" });
    // tax-1 is retired: its cosignature verifies but does not count.
    expect(result).toMatchObject({ ok: true, size: 12, logKey: "deedchain-log-1", cosigners: ["deedchain-tax-2", "deedchain-police-1"], witnessed: true });
    expect(result.ok && toBase64(result.rootHash)).toBe(toBase64(root));
    expect(auditCheckpointNote(b, note, KEYS, { quorum: 3 })).toMatchObject({ ok: true, witnessed: false });
    expect(auditCheckpointNote(b, note, KEYS, { quorum: 1, origin: "other.example/log" })).toMatchObject({ ok: false, reason: "ORIGIN" });
  });

  it("refuses a note not signed by a log key, or with a bad signature", async () => {
    const body = checkpointBody("deedchain.example/ledger", 12, await rootOf(rows));
    const onlyTax = signNote(body, [signer("deedchain-tax-2")]);
    expect(auditCheckpointNote(b, onlyTax, KEYS, { quorum: 1 })).toMatchObject({ ok: false, reason: "NO_LOG_SIGNATURE" });
    const forged = signNote(body, [signer("deedchain-log-1")]).replace("\n12\n", "\n13\n");
    expect(auditCheckpointNote(b, forged, KEYS, { quorum: 0 })).toMatchObject({ ok: false, reason: "NOTE" });
  });
});
