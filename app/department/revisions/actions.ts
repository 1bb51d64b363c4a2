"use server";
// Department admin (registry): correct a property record with a reason (issue 6 item 6).
import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/dal/action";
import { reviseProperty, revisePropertyInputSchema } from "@/lib/dal/properties/revise-property";
import { getDb } from "@/lib/db";

export const revisePropertyRecord = defineAction(revisePropertyInputSchema, "record.revise", async (input, { actor }): Promise<ActionResult<{ seq: number; credentialId: string | null }>> => {
  const result = await reviseProperty(await getDb(), { actor, input });
  revalidatePath("/department/revisions");
  // A reissued credential shows on the holder's property page.
  if (result.credential) revalidatePath("/resident/properties");
  return { ok: true, seq: result.seq, credentialId: result.credential?.id ?? null };
});
