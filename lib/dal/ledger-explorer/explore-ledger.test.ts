// The public explorer's counts by type and department stay equal to a full count of the
// ledger as it grows (appends in transactions and through the group committer), count only
// the entries appended since the last view, and never mix two databases in one process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, max, min } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerEntries } from "@/lib/db/schema";
import { appendEntries } from "@/lib/ledger/append";
import { sharedGroupCommitter } from "@/lib/ledger/group-commit";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { appendSamples, sampleInput } from "@/lib/ledger/testing/sample";
import { getLedgerOverview, listEntries, tallyReads } from "./explore-ledger";

let a: TestDb;
let b: TestDb;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  await Promise.all([ensureLedgerKeys(a.db), ensureLedgerKeys(b.db)]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** The explorer's figures recomputed by a full scan, as the page used to. */
async function fullCount(db: TestDb) {
  const byType = await db.db.select({ key: ledgerEntries.type, n: count() }).from(ledgerEntries).groupBy(ledgerEntries.type);
  const byDepartment = await db.db.select({ key: ledgerEntries.department, n: count() }).from(ledgerEntries).groupBy(ledgerEntries.department);
  const [span] = await db.db.select({ first: min(ledgerEntries.time), last: max(ledgerEntries.time) }).from(ledgerEntries);
  const asMap = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
  return { byType: asMap(byType), byDepartment: asMap(byDepartment), first: span?.first ?? null, last: span?.last ?? null };
}

async function explorerCount(db: TestDb) {
  const o = await getLedgerOverview(db.db);
  return {
    treeSize: o.treeSize,
    counted: { byType: Object.fromEntries(o.byType.map((r) => [r.type, r.entries])), byDepartment: Object.fromEntries(o.byDepartment.map((r) => [r.department, r.entries])), first: o.firstEntryAt, last: o.lastEntryAt },
    ranking: o.byType.map((r) => r.entries),
  };
}

const typed = (i: number, type: string) => ({ ...sampleInput(i, type), type });

describe("ledger explorer counts", () => {
  it("equal a full count after every kind of append, counting only what is new", async () => {
    expect((await explorerCount(a)).counted).toEqual({ byType: {}, byDepartment: {}, first: null, last: null });
    await appendSamples(a.db, 40, { perTransaction: 7 });
    let seen = await explorerCount(a);
    expect(seen.treeSize).toBe(40);
    expect(seen.counted).toEqual(await fullCount(a));
    expect(tallyReads.entriesCounted).toBe(40);

    // Other types, in one transaction and through the group committer (the lookup path).
    await a.db.transaction((tx) => appendEntries(tx, [typed(0, "case.opened"), typed(1, "case.opened"), typed(2, "case.closed")]));
    await Promise.all(Array.from({ length: 5 }, (_, i) => sharedGroupCommitter(a.db).appendAll([typed(i, "access.read")])));
    seen = await explorerCount(a);
    expect(seen.treeSize).toBe(48);
    expect(seen.counted).toEqual(await fullCount(a));
    expect(seen.counted.byType).toMatchObject({ "sample.recorded": 40, "access.read": 5, "case.opened": 2, "case.closed": 1 });
    expect(tallyReads.entriesCounted).toBe(8);
    expect(seen.ranking).toEqual([...seen.ranking].sort((x, y) => y - x));

    // Nothing new: nothing counted, same answer.
    expect((await explorerCount(a)).counted).toEqual(seen.counted);
    expect(tallyReads.entriesCounted).toBe(0);
    expect((await listEntries(a.db)).total).toBe(48);
    expect((await listEntries(a.db, { type: "case.opened" })).total).toBe(2);
  });

  it("keep each database's counts apart", async () => {
    await appendSamples(b.db, 3, { tag: "other" });
    const other = await explorerCount(b);
    expect(other.treeSize).toBe(3);
    expect(other.counted).toEqual(await fullCount(b));
    expect((await explorerCount(a)).counted).toEqual(await fullCount(a));
  });
});
