import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerWitnessStates } from "@/lib/db/schema";
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
