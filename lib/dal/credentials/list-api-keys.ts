// The institution API keys for the senior admin's list: never the key or its hash, only
// the first characters to tell keys apart.
import { desc } from "drizzle-orm";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { institutionApiKeys } from "@/lib/db/schema";

export async function listApiKeys(q: Queryable, actor: Actor) {
  if (!can(actor, "institution.manage")) return [];
  return q
    .select({
      id: institutionApiKeys.id,
      institution: institutionApiKeys.institution,
      kind: institutionApiKeys.kind,
      keyPrefix: institutionApiKeys.keyPrefix,
      createdAt: institutionApiKeys.createdAt,
      revokedAt: institutionApiKeys.revokedAt,
    })
    .from(institutionApiKeys)
    .orderBy(desc(institutionApiKeys.createdAt));
}
