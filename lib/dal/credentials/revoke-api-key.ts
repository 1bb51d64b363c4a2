// A senior admin revokes an institution's API key: refused from the next request on. The
// row stays (who held which key, when) and the revocation is a ledger entry.
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { institutionApiKeys } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import type { ApiKeyError } from "./create-api-key";
import { CREDENTIAL_CONTRACT } from "./issue-credential";

export async function revokeApiKey(db: Db, actor: Actor, keyId: string): Promise<{ ok: true } | ApiKeyError> {
  if (!can(actor, "institution.manage")) return { ok: false, status: 403, error: "Only a senior admin manages institution API keys." };
  if (!z.uuid().safeParse(keyId).success) return { ok: false, status: 404, error: "There is no API key with that id." };
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(institutionApiKeys)
      .set({ revokedAt: new Date(), revokedBy: actor.userId })
      .where(and(eq(institutionApiKeys.id, keyId), isNull(institutionApiKeys.revokedAt)))
      .returning({ id: institutionApiKeys.id });
    if (revoked.length === 0) return { ok: false, status: 404, error: "There is no live API key with that id (already revoked?)." } as const;
    await appendEntry(tx, {
      type: "institution_key.revoked",
      contract: CREDENTIAL_CONTRACT,
      department: "registry",
      actor: actor.userId,
      subject: keyId,
      payload: { keyId },
    });
    return { ok: true } as const;
  });
}
