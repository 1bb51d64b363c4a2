// Access grants (access-grant@1) as folded from their ledger entries; the cache table lists
// them for the admin's screens and finds candidates fast, and every decision re-folds the
// candidates from the ledger so a stale cache can never authorise anything.
import { and, eq, inArray } from "drizzle-orm";
import { accessGrant, type DepartmentCode } from "@/contracts";
import type { AccessGrantEvent, AccessGrantState } from "@/contracts/access-grant/access-grant";
import type { Queryable, Tx } from "@/lib/db";
import { registrationAccessGrants } from "@/lib/db/schema";
import type { AppendResult } from "@/lib/ledger/append";
import { loadEventsOf } from "@/lib/dal/registration/ledger-io";

/** The department's grants that are active in the cache, folded from the ledger. */
export async function loadGrants(q: Queryable, department: DepartmentCode | readonly DepartmentCode[]): Promise<AccessGrantState[]> {
  const departments = typeof department === "string" ? [department] : [...department];
  if (departments.length === 0) return [];
  const rows = await q
    .select({ grantId: registrationAccessGrants.grantId })
    .from(registrationAccessGrants)
    .where(and(inArray(registrationAccessGrants.department, departments), eq(registrationAccessGrants.status, "active")));
  const byGrant = await loadEventsOf<AccessGrantEvent>(q, rows.map((r) => r.grantId), "access_grant.");
  return [...byGrant.values()].map((entries) => accessGrant.fold(entries.map((e) => e.event)));
}

/** Writes the cache row of a grant after its entries were appended. */
export async function syncGrant(tx: Tx, state: AccessGrantState, appended: AppendResult): Promise<void> {
  const t = state.terms!;
  const values = {
    grantId: state.grantId,
    department: t.department,
    check: t.check,
    requester: t.requester,
    purpose: t.purpose,
    kind: t.kind,
    status: state.status,
    grantedBy: state.grantedBy ?? "",
    validFrom: new Date(t.validFrom),
    validUntil: t.validUntil ? new Date(t.validUntil) : null,
    state,
    lastSeq: appended.seq,
  };
  await tx
    .insert(registrationAccessGrants)
    .values(values)
    .onConflictDoUpdate({ target: registrationAccessGrants.grantId, set: { status: values.status, state, lastSeq: values.lastSeq } });
}
