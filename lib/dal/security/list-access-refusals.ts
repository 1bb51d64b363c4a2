// Senior admin (ledger.health): the refused look-ups by id, newest first (issue 7; DESIGN.md
// §7 "audit of refused attempts"). Opaque ids and roles only: who the account is stays on the
// staff page, behind its own permission.
import { count, desc, eq } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { accessRefusals } from "@/lib/db/schema";

export interface AccessRefusal {
  at: Date;
  actorUserId: string;
  actorRole: string;
  resource: string;
  resourceId: string;
  targetExists: boolean;
}

export async function listAccessRefusals(
  q: Queryable,
  options: { actor: Actor; page?: number; pageSize?: number },
): Promise<{ items: AccessRefusal[]; total: number; onExistingRecords: number }> {
  assertCan(options.actor, "ledger.health");
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 200);
  const page = Math.max(options.page ?? 1, 1);
  const items = await q
    .select({
      at: accessRefusals.at,
      actorUserId: accessRefusals.actorUserId,
      actorRole: accessRefusals.actorRole,
      resource: accessRefusals.resource,
      resourceId: accessRefusals.resourceId,
      targetExists: accessRefusals.targetExists,
    })
    .from(accessRefusals)
    .orderBy(desc(accessRefusals.at), desc(accessRefusals.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await q.select({ n: count() }).from(accessRefusals);
  const [existing] = await q.select({ n: count() }).from(accessRefusals).where(eq(accessRefusals.targetExists, true));
  return { items, total: total?.n ?? 0, onExistingRecords: existing?.n ?? 0 };
}
