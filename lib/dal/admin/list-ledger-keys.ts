// Every ledger key for the senior admin's key desk: role, department, validity window and
// status, newest first within each department, plus the entry that created or retired it.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { ledgerEntries } from "@/lib/db/schema";
import { listLedgerKeys, publicKeyInfo, type PublicKeyInfo } from "@/lib/ledger/keys";

export interface LedgerKeyRow extends PublicKeyInfo {
  /** The `key.rotated` entry that activated this key (null for keys made at install). */
  activatedBySeq: number | null;
  /** The `key.rotated` entry that retired it. */
  retiredBySeq: number | null;
}

export async function listKeysForAdmin(q: Queryable, options: { actor: Actor }): Promise<LedgerKeyRow[]> {
  assertCan(options.actor, "keys.rotate");
  const keys = (await listLedgerKeys(q)).map(publicKeyInfo);
  const rotations = await q.select({ seq: ledgerEntries.seq, entry: ledgerEntries.entry }).from(ledgerEntries).where(eq(ledgerEntries.type, "key.rotated")).orderBy(asc(ledgerEntries.seq));
  const activated = new Map<string, number>();
  const retired = new Map<string, number>();
  for (const row of rotations) {
    const payload = (JSON.parse(row.entry) as { payload: { retired?: { name?: string }; activated?: { name?: string } } }).payload;
    if (payload.activated?.name) activated.set(payload.activated.name, row.seq);
    if (payload.retired?.name) retired.set(payload.retired.name, row.seq);
  }
  return keys
    .map((k) => ({ ...k, activatedBySeq: activated.get(k.name) ?? null, retiredBySeq: retired.get(k.name) ?? null }))
    .sort((a, b) => a.department.localeCompare(b.department) || a.role.localeCompare(b.role) || b.validFrom.localeCompare(a.validFrom));
}
