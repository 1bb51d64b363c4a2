"use server";
// Senior admin: rotate a department's ledger signing key (issue 6 item 2).
import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/dal/action";
import { rotateKeyAsAdmin, rotateKeyInputSchema } from "@/lib/dal/admin/rotate-department-key";
import { getDb } from "@/lib/db";

export const rotateKey = defineAction(rotateKeyInputSchema, "keys.rotate", async (input, { actor }): Promise<ActionResult<{ activated: string; retired: string; seq: number }>> => {
  const result = await rotateKeyAsAdmin(await getDb(), { actor, input });
  revalidatePath("/admin/keys");
  return { ok: true, activated: result.activated, retired: result.retired, seq: result.seq };
});
