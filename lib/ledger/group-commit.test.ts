import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerWitnessStates } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { appendEntry, lockHead } from "./append";
import { createGroupCommitter } from "./group-commit";
import { ensureLedgerKeys } from "./keys";
import { postgresLedgerStore } from "./store";
import { sampleInput } from "./testing/sample";
import { verifyLedger } from "./verify";

describe("group commit", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
  });
  afterAll(async () => handle.close());

  it("commits concurrent appends together, gapless, each caller learning its own seq", async () => {
    const committer = createGroupCommitter(handle.db, { maxBatch: 16 });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => committer.append(sampleInput(i, "grouped"))));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    results.forEach((r, i) => expect(r.entry.subject).toBe(`subject:grouped:${i}`));
    expect(await postgresLedgerStore(handle.db).treeSize()).toBe(60);
    expect((await verifyLedger(handle.db)).problem).toBeUndefined();
  });

  it("never forks when others append in between: two committers (as two processes) and plain transactions", async () => {
    const before = await postgresLedgerStore(handle.db).treeSize();
    const a = createGroupCommitter(handle.db, { maxBatch: 8 });
    const b = createGroupCommitter(handle.db, { maxBatch: 8 });
    // Warm both up so each remembers a head, then let everyone race.
    await a.append(sampleInput(0, "race-a"));
    await b.append(sampleInput(0, "race-b"));
    const racing = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => a.append(sampleInput(i + 1, "race-a"))),
      ...Array.from({ length: 40 }, (_, i) => b.append(sampleInput(i + 1, "race-b"))),
      ...Array.from({ length: 10 }, (_, i) => handle.db.transaction((tx) => appendEntry(tx, sampleInput(i, "race-tx")))),
      a.appendAll([sampleInput(100, "race-all"), sampleInput(101, "race-all"), sampleInput(102, "race-all")]),
    ]);
    const seqs = racing.flat().map((r) => r.seq);
    expect(seqs.sort((x, y) => x - y)).toEqual(Array.from({ length: 93 }, (_, i) => before + 2 + i));
    const all = racing.at(-1) as { seq: number }[];
    expect(all.map((r) => r.seq)).toEqual([all[0]!.seq, all[0]!.seq + 1, all[0]!.seq + 2]);
    const store = postgresLedgerStore(handle.db);
    expect(await store.treeSize()).toBe(before + 95);
    const rows = await store.entriesAfter(before - 1, 1000);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 95 }, (_, i) => before + i));
    // Each entry links to the one before it.
    for (let i = 1; i < rows.length; i++) expect(JSON.parse(rows[i]!.entry).prev).toBe(rows[i - 1]!.leafHash);
    // The remembered heads went stale (beyond the two warm-up batches, locked batches ran).
    const stats = [a.stats(), b.stats()];
    expect(stats[0]!.locked + stats[1]!.locked, JSON.stringify(stats)).toBeGreaterThan(2);
    expect((await verifyLedger(handle.db)).problem).toBeUndefined();
  });

  it("a plain append after someone else's moves the head from where it really is", async () => {
    const committer = createGroupCommitter(handle.db);
    await committer.append(sampleInput(1, "stale"));
    await handle.db.transaction((tx) => appendEntry(tx, sampleInput(2, "elsewhere")));
    const next = await committer.append(sampleInput(3, "stale"));
    const head = await handle.db.transaction((tx) => lockHead(tx));
    expect(next.seq).toBe(head.size - 1);
    expect(committer.stats()).toEqual({ oneStatement: 0, locked: 2 });
    await committer.append(sampleInput(4, "stale"));
    expect(committer.stats()).toEqual({ oneStatement: 1, locked: 2 });
    expect((await verifyLedger(handle.db)).problem).toBeUndefined();
  });

  it("shares waiting callers between the two batches in flight, so one is built while the other is written", async () => {
    const before = await postgresLedgerStore(handle.db).treeSize();
    const committer = createGroupCommitter(handle.db);
    await committer.append(sampleInput(0, "shared")); // the locked path, which learns the head
    // Eight callers in a closed loop, ten appends each: after the first round, never one
    // batch of eight but two of four (a batch of eight would make 10 statements, not 20).
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; i < 10; i++) await committer.append(sampleInput(writer * 10 + i, "shared"));
      }),
    );
    expect(committer.stats().locked).toBe(1);
    expect(committer.stats().oneStatement).toBeGreaterThanOrEqual(19);
    expect(await postgresLedgerStore(handle.db).treeSize()).toBe(before + 81);
    expect((await verifyLedger(handle.db)).problem).toBeUndefined();
  });

  it("stores payload strings holding the column separator (U+001F) and other controls exactly, on both paths", async () => {
    // WRITE_BATCH sends each column as one text joined by U+001F: canonical JSON escapes
    // every control character, so no entry's text holds one raw, and no other column may.
    const tricky = "a\u001fb\u0000c\nd\"e\\f,{g}";
    const committer = createGroupCommitter(handle.db);
    const inputs = (tag: string) => [0, 1, 2].map((i) => ({ ...sampleInput(i, tag), payload: { note: tricky, i } }));
    const locked = await committer.appendAll(inputs("controls-locked"));
    const oneStatement = await committer.appendAll(inputs("controls-plain"));
    expect(committer.stats()).toEqual({ oneStatement: 1, locked: 1 });
    const store = postgresLedgerStore(handle.db);
    for (const result of [...locked, ...oneStatement]) {
      const stored = (await store.entry(result.seq))!;
      expect(stored.entry).toBe(result.canonical);
      expect(stored.signature).toBe(result.signature);
      expect(JSON.parse(stored.entry).payload.note).toBe(tricky);
    }
    expect((await verifyLedger(handle.db)).problem).toBeUndefined();
  });

  // PGlite has one connection and nothing to pin: there this could not fail.
  it.skipIf(!env.DATABASE_URL)("gives its pinned connection back when idle, so the pool can close", async () => {
    const own = await createTestDb();
    let closed = false;
    try {
      await ensureLedgerKeys(own.db);
      const committer = createGroupCommitter(own.db);
      await Promise.all(Array.from({ length: 40 }, (_, i) => committer.append(sampleInput(i, "pinned"))));
      await Promise.all(Array.from({ length: 40 }, (_, i) => committer.append(sampleInput(i + 40, "pinned"))));
      expect(committer.stats().oneStatement).toBeGreaterThan(0);
      // postgres.js waits for a reserved connection before it ends: a pin still held would hang here.
      const ended = await Promise.race([own.close().then(() => "closed"), new Promise((resolve) => setTimeout(resolve, 10_000, "still waiting"))]);
      closed = ended === "closed";
      expect(ended).toBe("closed");
    } finally {
      if (!closed) void own.close().catch(() => {}); // would hang as well: leave it
    }
  });

  it("rolls back only the caller whose state change failed", async () => {
    const committer = createGroupCommitter(handle.db);
    const ok = committer.run(async (tx) => {
      await tx.insert(ledgerWitnessStates).values({ department: "tax", origin: "o", treeSize: 1, rootHash: "r" });
      return { entry: sampleInput(1, "kept"), value: "tax" };
    });
    const failing = committer.run(async (tx) => {
      await tx.insert(ledgerWitnessStates).values({ department: "land", origin: "o", treeSize: 1, rootHash: "r" });
      throw new Error("the state change was refused");
    });
    const alsoOk = committer.append(sampleInput(2, "kept"));
    await expect(failing).rejects.toThrow("the state change was refused");
    const [kept, plain] = await Promise.all([ok, alsoOk]);
    expect(kept.value).toBe("tax");
    expect(plain.seq).toBe(kept.result.seq + 1);
    expect(await handle.db.select().from(ledgerWitnessStates).where(eq(ledgerWitnessStates.department, "land"))).toHaveLength(0);
    expect(await handle.db.select().from(ledgerWitnessStates).where(eq(ledgerWitnessStates.department, "tax"))).toHaveLength(1);
    expect((await verifyLedger(handle.db)).problem).toBeUndefined();
  });
});
