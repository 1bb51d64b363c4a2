"use server";
// Senior admin: institution API keys (issue 5). The key is returned once, to the page that
// shows it; only its hash is stored (create-api-key.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { INSTITUTION_KINDS } from "@/drizzle/schema/credentials";
import { defineAction, type ActionResult } from "@/lib/dal/action";
import { createApiKey } from "@/lib/dal/credentials/create-api-key";
import { revokeApiKey } from "@/lib/dal/credentials/revoke-api-key";
import { getDb } from "@/lib/db";

export const createInstitutionKey = defineAction(
  z.object({ institution: z.string().trim().min(2).max(100), kind: z.enum(INSTITUTION_KINDS) }),
  "institution.manage",
  async (input, { actor }): Promise<ActionResult<{ keyId: string; key: string }>> => {
    const result = await createApiKey(await getDb(), actor, input);
    if (!result.ok) return { ok: false, message: result.error };
    revalidatePath("/admin/api-keys");
    return { ok: true, keyId: result.keyId, key: result.key };
  },
);

export const revokeInstitutionKey = defineAction(z.object({ keyId: z.string().uuid() }), "institution.manage", async (input, { actor }): Promise<ActionResult> => {
  const result = await revokeApiKey(await getDb(), actor, input.keyId);
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/admin/api-keys");
  return { ok: true };
});
