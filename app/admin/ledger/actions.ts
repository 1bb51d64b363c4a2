"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/dal/action";
import { startAudit } from "@/lib/dal/ledger-health/audit-runs";
import { getDb } from "@/lib/db";

/** Starts the ledger audit in the background and answers at once; the page polls its progress. */
export const startLedgerAudit = defineAction(z.object({}), "ledger.health", async (_input, { actor }) => {
  const { done } = await startAudit(await getDb(), { actor });
  // The run outlives this request; its outcome is written to ledger_audit_runs.
  void done.catch((error) => console.error("[ledger audit]", error));
  revalidatePath("/admin/ledger");
  return { ok: true };
});
