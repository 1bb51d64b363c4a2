// The signed-in resident's credentials, current and superseded, newest first (for their
// property page: status, what superseded what, the ledger entry).
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { credentials } from "@/lib/db/schema";
import { holderRefOf } from "./holder-access";

export interface HolderCredential {
  id: string;
  unitNumber: string;
  status: "valid" | "superseded" | "revoked";
  reason: string;
  supersededBy: string | null;
  issuedAt: Date;
  ledgerSeq: number;
}

export async function listHolderCredentials(q: Queryable, actor: Actor): Promise<HolderCredential[]> {
  const ref = await holderRefOf(q, actor);
  if (!ref) return [];
  return q
    .select({
      id: credentials.id,
      unitNumber: credentials.unitNumber,
      status: credentials.status,
      reason: credentials.reason,
      supersededBy: credentials.supersededBy,
      issuedAt: credentials.issuedAt,
      ledgerSeq: credentials.ledgerSeq,
    })
    .from(credentials)
    .where(sql`${credentials.holderRefs} @> ${JSON.stringify([ref])}::jsonb`)
    .orderBy(sql`${credentials.issuedAt} desc`);
}
