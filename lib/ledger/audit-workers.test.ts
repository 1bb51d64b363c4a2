// The worker pool must give the same verdicts as nodeBackend, and the pooled audit the same
// first problem as the single-threaded one.
import { randomBytes } from "node:crypto";
import { ED25519_TORSION_SUBGROUP } from "@noble/curves/ed25519.js";
import { afterAll, describe, expect, it } from "vitest";
import { ED25519_L, littleEndianToBigInt } from "@/lib/crypto/backend";
import { nodeBackend as b } from "@/lib/crypto/backend-node";
import { concatBytes, fromHex, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { generateEd25519, signEd25519 } from "@/lib/crypto/ed25519-node";
import type { AuditKey, AuditRow, SignatureCheck } from "./audit-core";
import { auditLedger, createSignatureWorkerPool } from "./audit-workers";
import { encodeEntry } from "./entry";
import { leafHash } from "./merkle";

const pool = createSignatureWorkerPool(2);
afterAll(() => pool.close());

const tax = generateEd25519();
const keys: AuditKey[] = [
  { name: "tax-1", department: "tax", role: "department", status: "active", publicKey: tax.publicKey, validFrom: "2026-01-01T00:00:00Z", validUntil: null },
];

function ledger(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = "";
  for (let seq = 0; seq < n; seq++) {
    const text = encodeEntry({
      v: 1,
      seq,
      type: "verification.answered",
      contract: "transfer@1",
      department: "tax",
      actor: "staff:tax:1",
      time: new Date(Date.UTC(2026, 2, 1) + seq * 1000).toISOString(),
      subject: `application:${seq}`,
      payload: { answer: seq % 3 === 0 ? "no" : "yes" },
      prev,
    });
    const bytes = utf8Encode(text);
    const leaf = leafHash(b, bytes);
    rows.push({ seq, entry: text, leafHash: leaf, signature: signEd25519(tax.seed, bytes), keyName: "tax-1" });
    prev = toBase64(leaf);
  }
  return rows;
}

function* pages(rows: AuditRow[], size: number): Iterable<AuditRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe("signature worker pool", () => {
  it("agrees with nodeBackend on valid, flipped, malleated, small-order and wrong-length inputs", async () => {
    const message = new Uint8Array(randomBytes(40));
    const signature = signEd25519(tax.seed, message);
    const checks: SignatureCheck[] = [{ signature, message, publicKey: tax.publicKey }];
    for (let bit = 0; bit < 512; bit += 7) {
      const flipped = Uint8Array.from(signature);
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      checks.push({ signature: flipped, message, publicKey: tax.publicKey });
    }
    const s = littleEndianToBigInt(signature.subarray(32)) + ED25519_L;
    const sPlusL = Uint8Array.from({ length: 32 }, (_, i) => Number((s >> BigInt(8 * i)) & 0xffn));
    checks.push({ signature: concatBytes(signature.subarray(0, 32), sPlusL), message, publicKey: tax.publicKey });
    for (const hex of ED25519_TORSION_SUBGROUP) {
      checks.push({ signature: concatBytes(fromHex(hex), new Uint8Array(32)), message, publicKey: fromHex(hex) });
    }
    checks.push({ signature: signature.subarray(0, 63), message, publicKey: tax.publicKey });
    checks.push({ signature, message, publicKey: tax.publicKey.subarray(0, 31) });
    const expected = checks.map((c) => b.ed25519Verify(c.signature, c.message, c.publicKey));
    expect(await pool.verify(checks)).toEqual(expected);
    expect(expected.filter(Boolean)).toHaveLength(1);
  });
});

describe("auditLedger", () => {
  const rows = ledger(300);

  it("passes a good ledger with and without threads, with the same root", async () => {
    const inline = await auditLedger(b, { keys, rows: pages(rows, 64), threads: 0 });
    const pooled = await auditLedger(b, { keys, rows: pages(rows, 64), threads: 2, maxInFlight: 1 });
    expect(inline.problem).toBeNull();
    expect(pooled.problem).toBeNull();
    expect(pooled.size).toBe(300);
    expect(toBase64(pooled.root)).toBe(toBase64(inline.root));
    const withCheckpoints = await auditLedger(b, {
      keys,
      rows: pages(rows, 64),
      threads: 2,
      checkpoints: [{ size: 300, rootHash: inline.root }, { size: 0, rootHash: b.sha256(new Uint8Array()) }],
    });
    expect(withCheckpoints.problem).toBeNull();
  });

  it("reports a bad signature before a later structural problem, as the inline audit does", async () => {
    const tampered = rows
      .map((r) => (r.seq === 70 ? { ...r, signature: new Uint8Array(64).fill(1) } : r))
      .filter((r) => r.seq !== 200);
    for (const threads of [0, 2]) {
      const result = await auditLedger(b, { keys, rows: pages(tampered, 50), threads, maxInFlight: 8 });
      expect(result.problem).toMatchObject({ seq: 70, reason: "BAD_SIGNATURE" });
    }
  });

  it("reports a structural problem when signatures before it are good", async () => {
    const tampered = rows.filter((r) => r.seq !== 123);
    const result = await auditLedger(b, { keys, rows: pages(tampered, 50), threads: 2 });
    expect(result.problem).toMatchObject({ seq: 123, reason: "SEQ_GAP" });
  });

  it("compares checkpoints, including one that the ledger is too short for", async () => {
    const result = await auditLedger(b, { keys, rows: pages(rows.slice(0, 250), 50), threads: 2, checkpoints: [{ size: 300, rootHash: new Uint8Array(32) }] });
    expect(result.problem).toMatchObject({ seq: 250, reason: "TREE_TOO_SHORT" });
  });
});
