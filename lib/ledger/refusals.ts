// Refused checkpoints, kept so the health page can raise an alert (issue 6, item 4): a
// witness that refuses to cosign has seen the log go back, fork, change origin or lose its
// signature, and a person must notice. Two sources: the in-process witnesses (background.ts)
// record their own refusals; the portal records the cosignature lines it refuses to store
// (addCosignature), which is what a remote witness's failures look like from here.
import { desc, eq } from "drizzle-orm";
import type { Db, Queryable } from "@/lib/db";
import { ledgerKeys, ledgerWitnessRefusals, type DepartmentCode } from "@/lib/db/schema";

export interface WitnessRefusalInput {
  department: DepartmentCode | null;
  source: "witness" | "portal";
  treeSize?: number | null;
  reason: string;
  message: string;
  status?: number | null;
}

/** Never throws: failing to record an alert must not also break the witness or the API. */
export async function recordWitnessRefusal(db: Db, input: WitnessRefusalInput): Promise<void> {
  try {
    await db.insert(ledgerWitnessRefusals).values({
      department: input.department,
      source: input.source,
      treeSize: input.treeSize ?? null,
      reason: input.reason.slice(0, 64),
      message: input.message.slice(0, 500),
      status: input.status ?? null,
    });
  } catch (error) {
    console.error("[ledger] could not record a witness refusal:", error);
  }
}

/** The department of a key name, for refusals that only carry the name. */
export async function departmentOfKey(q: Queryable, name: string): Promise<DepartmentCode | null> {
  const [row] = await q.select({ department: ledgerKeys.department }).from(ledgerKeys).where(eq(ledgerKeys.name, name));
  return row?.department ?? null;
}

export async function listWitnessRefusals(q: Queryable, limit = 20) {
  return q.select().from(ledgerWitnessRefusals).orderBy(desc(ledgerWitnessRefusals.createdAt)).limit(limit);
}
