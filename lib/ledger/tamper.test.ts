// Tamper tests (issue 3, "Checked by"): a superuser who switches the append-only triggers
// off (session_replication_role = replica) edits the ledger behind the portal's back;
// `ledger verify` must fail and name the first bad seq. PostgreSQL only: the attack needs a
// second, superuser connection to the same database.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { DEPARTMENT_CODES } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createSignatureWorkerPool } from "./audit-workers";
import { runInProcessWitnesses } from "./background";
import { publishCheckpoint } from "./checkpoints";
import { ensureLedgerKeys } from "./keys";
import { storedHashIndex } from "./merkle";
import { appendSamples } from "./testing/sample";
import { verifyLedger } from "./verify";

if (!env.DATABASE_URL) console.log("tamper.test.ts skipped: set DATABASE_URL to a PostgreSQL server (the attack needs a superuser connection).");

/** 35 entries; checkpoints at 30 and 35, both cosigned by every department's witness. */
async function witnessedLedger(): Promise<TestDb> {
  const handle = await createTestDb();
  await ensureLedgerKeys(handle.db);
  await appendSamples(handle.db, 30, { perTransaction: 4 });
  await publishCheckpoint(handle.db);
  await runInProcessWitnesses(handle.db, DEPARTMENT_CODES);
  await appendSamples(handle.db, 5, { tag: "tail" });
  await publishCheckpoint(handle.db);
  await runInProcessWitnesses(handle.db, DEPARTMENT_CODES);
  return handle;
}

/** Runs SQL as the superuser with the triggers switched off, in one transaction. */
async function tamper(handle: TestDb, statements: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client.begin(async (tx) => {
      await tx.unsafe("SET LOCAL session_replication_role = replica");
      await tx.unsafe(statements);
    });
  } finally {
    await client.end();
  }
}

describe.runIf(Boolean(env.DATABASE_URL))("ledger verify against a tampered database", () => {
  let handle: TestDb | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it("passes on the untouched ledger", async () => {
    handle = await witnessedLedger();
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toBeUndefined();
    expect(result.entries).toBe(35);
    expect(result.witnessed?.treeSize).toBe(35);
    expect(result.witnessed?.cosigners).toHaveLength(DEPARTMENT_CODES.length);
  });

  it("names the seq of an edited payload", async () => {
    handle = await witnessedLedger();
    await tamper(handle, `UPDATE ledger_entries SET entry = replace(entry, '"answer":"no"', '"answer":"yes"') WHERE seq = 7`);
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", seq: 7, reason: "LEAF_HASH" });
    // The operator's command says the same and exits 1.
    const cli = spawnSync("npx", ["tsx", "lib/cli/ledger.ts", "verify"], {
      env: { ...process.env, DATABASE_URL: handle.url! },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("FAIL: seq 7: LEAF_HASH");
  });

  it("names the seq of an edited payload whose leaf hash was recomputed too", async () => {
    handle = await witnessedLedger();
    // The attacker also fixes the stored leaf hash (but cannot sign): the signature fails.
    await tamper(
      handle,
      `UPDATE ledger_entries SET entry = replace(entry, '"answer":"no"', '"answer":"yes"') WHERE seq = 9;
       UPDATE ledger_entries SET leaf_hash = encode(sha256('\\x00'::bytea || convert_to(entry, 'UTF8')), 'base64') WHERE seq = 9;`,
    );
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", seq: 9, reason: "BAD_SIGNATURE" });
  });

  it("names the seq of a deleted middle row", async () => {
    handle = await witnessedLedger();
    await tamper(handle, "DELETE FROM ledger_entries WHERE seq = 12");
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", seq: 12, reason: "SEQ_GAP" });
  });

  it("catches deleted last rows against the witnessed checkpoint, even with the head and hashes rewound", async () => {
    handle = await witnessedLedger();
    // Rewind everything the portal itself knows about: entries, tree hashes, the head, and
    // the newest checkpoint. Only the witnessed checkpoint at 35 remembers.
    await tamper(
      handle,
      `DELETE FROM ledger_entries WHERE seq >= 33;
       DELETE FROM ledger_hashes WHERE idx >= ${storedHashIndex(0, 33)};
       UPDATE ledger_head SET size = 33;`,
    );
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", seq: 33, reason: "TREE_TOO_SHORT" });
  });

  it("names the first seq of two swapped rows", async () => {
    handle = await witnessedLedger();
    await tamper(
      handle,
      `UPDATE ledger_entries SET seq = -1 WHERE seq = 5;
       UPDATE ledger_entries SET seq = 5 WHERE seq = 9;
       UPDATE ledger_entries SET seq = 9 WHERE seq = -1;`,
    );
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", seq: 5, reason: "SEQ_GAP" });
  });

  it("names the seq of a flipped signature bit", async () => {
    handle = await witnessedLedger();
    await tamper(
      handle,
      `UPDATE ledger_entries
       SET signature = encode(set_bit(decode(signature, 'base64'), 77, 1 - get_bit(decode(signature, 'base64'), 77)), 'base64')
       WHERE seq = 20`,
    );
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", seq: 20, reason: "BAD_SIGNATURE" });
    // The same with signatures checked on worker threads, batches in flight.
    const pool = createSignatureWorkerPool(2);
    try {
      const pooled = await verifyLedger(handle.db, { batchSize: 8, signatures: { verify: (batch) => pool.verify(batch.checks) } });
      expect(pooled.problem).toMatchObject({ kind: "entry", seq: 20, reason: "BAD_SIGNATURE" });
    } finally {
      await pool.close();
    }
  });

  it("names the same first bad seq inline and on worker threads, however the signature batches fall", async () => {
    const flipSignature = (seq: number) =>
      `UPDATE ledger_entries
       SET signature = encode(set_bit(decode(signature, 'base64'), 77, 1 - get_bit(decode(signature, 'base64'), 77)), 'base64')
       WHERE seq = ${seq};`;
    const editPayload = (seq: number) => `UPDATE ledger_entries SET entry = replace(entry, '"tag":"test"', '"tag":"tset"') WHERE seq = ${seq};`;
    // A bad signature before a structural problem, then a structural problem before a bad signature.
    const cases = [
      { statements: flipSignature(12) + editPayload(25), expected: { seq: 12, reason: "BAD_SIGNATURE" } },
      { statements: editPayload(17) + flipSignature(22), expected: { seq: 17, reason: "LEAF_HASH" } },
    ];
    const pool = createSignatureWorkerPool(2);
    try {
      for (const { statements, expected } of cases) {
        await handle?.close();
        handle = await witnessedLedger();
        await tamper(handle, statements);
        const inline = await verifyLedger(handle.db, { batchSize: 8 });
        expect(inline.problem).toMatchObject({ kind: "entry", ...expected });
        for (const [batchSize, signatureChunk] of [[8, 1000], [50, 3], [5, 2], [5000, 1]] as const) {
          const pooled = await verifyLedger(handle.db, { batchSize, signatureChunk, signatures: { verify: (batch) => pool.verify(batch.checks) } });
          expect(pooled.problem, `batch ${batchSize}, chunk ${signatureChunk}`).toMatchObject({ kind: "entry", ...expected });
        }
      }
    } finally {
      await pool.close();
    }
  });

  it("names the seq where an old entry was re-inserted", async () => {
    handle = await witnessedLedger();
    // Replay entry 3 (validly signed) in place of entry 14.
    await tamper(
      handle,
      `DELETE FROM ledger_entries WHERE seq = 14;
       INSERT INTO ledger_entries (seq, entry, leaf_hash, signature, key_name, type, department, subject, time)
       SELECT 14, entry, leaf_hash, signature, key_name, type, department, subject, time FROM ledger_entries WHERE seq = 3;`,
    );
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", seq: 14, reason: "SEQ_GAP" });
  });

  it("names the seq of a forged stored tree hash (what proofs are served from)", async () => {
    handle = await witnessedLedger();
    await tamper(handle, "UPDATE ledger_hashes SET hash = sha256(hash) WHERE idx = 22");
    const result = await verifyLedger(handle.db, { batchSize: 8 });
    expect(result.problem).toMatchObject({ kind: "entry", reason: "STORED_HASH" });
  });

  it("names an older checkpoint whose body was rewritten, when asked to check every checkpoint", async () => {
    handle = await witnessedLedger();
    await tamper(handle, `UPDATE ledger_checkpoints SET body = replace(body, E'\n30\n', E'\n29\n') WHERE tree_size = 30`);
    expect((await verifyLedger(handle.db)).ok).toBe(true); // only the newest and the witnessed one by default
    const result = await verifyLedger(handle.db, { allCheckpoints: true });
    expect(result.problem).toMatchObject({ kind: "checkpoint", treeSize: 30 });
  });
});
