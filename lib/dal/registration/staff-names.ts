// Registry staff or senior admin: names of staff accounts by id, so the check board can say
// who authorised a read ("authorised by whom"). Staff names are not personal data of the
// parties; resident accounts are never resolved here.
import { and, inArray, ne } from "drizzle-orm";
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { displayNamesOf } from "@/lib/dal/auth/user-identity";

export async function staffNames(q: Queryable, options: { actor: Actor; ids: readonly string[] }): Promise<Map<string, { name: string; role: string; department: string | null }>> {
  if (!can(options.actor, "application.view") && !can(options.actor, "application.override") && !can(options.actor, "check.view")) {
    throw new ForbiddenError(undefined, "application.view");
  }
  const uuids = [...new Set(options.ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
  if (uuids.length === 0) return new Map();
  const rows = await q
    .select({ id: users.id, role: users.role, department: users.department })
    .from(users)
    .where(and(inArray(users.id, uuids), ne(users.role, "resident")));
  const names = await displayNamesOf(q, rows.map((r) => r.id));
  return new Map(rows.map((r) => [r.id, { name: names.get(r.id) ?? "", role: r.role, department: r.department }]));
}
