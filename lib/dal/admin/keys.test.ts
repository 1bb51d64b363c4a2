// Key desk (issue 6 item 2): a senior admin rotates the tax key; entries signed before keep
// verifying, the public key list shows both keys with their windows, and an entry that the
// retired key signs after its end — written straight into the tables by someone holding the
// old seed — fails `ledger verify` at exactly that seq.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/auth/permissions";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerKeys } from "@/lib/db/schema";
import { advanceTree, lockHead } from "@/lib/ledger/append";
import { publishCheckpoint } from "@/lib/ledger/checkpoints";
import { encodeEntry, type LedgerEntry } from "@/lib/ledger/entry";
import { ensureLedgerKeys, signingKeyFromRow } from "@/lib/ledger/keys";
import { leafHash, storedHashIndex } from "@/lib/ledger/merkle";
import { getKeys } from "@/lib/ledger/public-api";
import { appendSamples } from "@/lib/ledger/testing/sample";
import { verifyLedger } from "@/lib/ledger/verify";
import { eq } from "drizzle-orm";
import { listKeysForAdmin } from "./list-ledger-keys";
import { rotateKeyAsAdmin } from "./rotate-department-key";

const senior: Actor = { userId: "00000000-0000-4000-8000-0000000000a1", role: "senior_admin", department: "registry", displayName: "senior", login: "senior" };
const clerk: Actor = { userId: "00000000-0000-4000-8000-0000000000c1", role: "clerk", department: "registry", displayName: "clerk", login: "clerk" };

let handle: TestDb;
beforeAll(async () => {
  handle = await createTestDb();
  await ensureLedgerKeys(handle.db);
  await appendSamples(handle.db, 12);
});
afterAll(async () => {
  await handle.close();
});

/** What an insider holding a retired key's seed could do: append an entry signed by it. */
async function forgeWithRetiredKey(keyName: string): Promise<number> {
  return handle.db.transaction(async (tx) => {
    const [row] = await tx.select().from(ledgerKeys).where(eq(ledgerKeys.name, keyName));
    const signer = signingKeyFromRow(row!);
    const head = await lockHead(tx);
    const time = new Date((head.lastTime?.getTime() ?? Date.now()) + 1000);
    const entry: LedgerEntry = {
      v: 1,
      seq: head.size,
      type: "check.answered",
      contract: "verification-request@1",
      department: signer.department,
      actor: "system:tax",
      time: time.toISOString(),
      subject: "req-forged",
      payload: { answer: "yes" },
      prev: toBase64(head.lastLeafHash),
    };
    const canonical = encodeEntry(entry);
    const bytes = utf8Encode(canonical);
    const leaf = leafHash(nodeBackend, bytes);
    const { hashes, frontier } = advanceTree(nodeBackend, head.size, head.frontier, leaf);
    const first = storedHashIndex(0, head.size);
    for (const [i, hash] of hashes.entries()) await tx.execute(sql`insert into ledger_hashes (idx, hash) values (${first + i}, ${hash}::bytea)`);
    await tx.execute(sql`
      insert into ledger_entries (seq, entry, leaf_hash, signature, key_name, type, department, subject, time)
      values (${head.size}, ${canonical}, ${toBase64(leaf)}, ${toBase64(signer.sign(bytes))}, ${signer.name}, ${entry.type}, ${entry.department}, ${entry.subject}, ${entry.time}::timestamptz)`);
    await tx.execute(sql`update ledger_head set size = ${head.size + 1}, last_leaf_hash = ${leaf}::bytea, frontier = ${frontier}::bytea, last_time = ${entry.time}::timestamptz where id = 1`);
    return head.size;
  });
}

describe("key desk", () => {
  it("refuses anyone but a senior admin", async () => {
    await expect(rotateKeyAsAdmin(handle.db, { actor: clerk, input: { department: "tax", reason: "scheduled" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listKeysForAdmin(handle.db, { actor: clerk })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("rotates the tax key: both keys listed with windows, old entries verify, the retired key's new signature does not", async () => {
    const before = (await listKeysForAdmin(handle.db, { actor: senior })).filter((k) => k.department === "tax" && k.role === "department");
    expect(before.map((k) => k.status)).toEqual(["active"]);
    const rotation = await rotateKeyAsAdmin(handle.db, { actor: senior, input: { department: "tax", reason: "scheduled" } });
    expect(rotation.retired).toBe(before[0]!.name);

    // The desk: the new key active and open-ended, the old retired at the rotation's instant, both naming the entry.
    const desk = (await listKeysForAdmin(handle.db, { actor: senior })).filter((k) => k.department === "tax" && k.role === "department");
    expect(desk.map((k) => [k.name, k.status])).toEqual([
      [rotation.activated, "active"],
      [rotation.retired, "retired"],
    ]);
    expect(desk[0]!.validUntil).toBeNull();
    expect(desk[1]!.validUntil).toBe(desk[0]!.validFrom);
    expect(desk[0]!.activatedBySeq).toBe(rotation.seq);
    expect(desk[1]!.retiredBySeq).toBe(rotation.seq);

    // The public key list says the same.
    const published = (await (await getKeys(handle.db, new Request("http://portal.test/api/ledger/keys"))).json()) as { name: string; status: string; validFrom: string; validUntil: string | null }[];
    const oldKey = published.find((k) => k.name === rotation.retired)!;
    const newKey = published.find((k) => k.name === rotation.activated)!;
    expect(oldKey).toMatchObject({ status: "retired", validUntil: newKey.validFrom });
    expect(newKey).toMatchObject({ status: "active", validUntil: null });

    // Everything so far verifies, the entries signed by the old key included.
    await appendSamples(handle.db, 3, { tag: "after-rotation" });
    await publishCheckpoint(handle.db);
    const clean = await verifyLedger(handle.db, { quorum: 0 });
    expect(clean.problem).toBeUndefined();

    // An entry signed by the retired key after its end: verify names that seq.
    const forgedSeq = await forgeWithRetiredKey(rotation.retired);
    await publishCheckpoint(handle.db);
    const report = await verifyLedger(handle.db, { quorum: 0 });
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: "entry", seq: forgedSeq, reason: "KEY_NOT_VALID" });
  });
});
