// The staff accounts a senior admin manages (no residents: their accounts are their own).
import "server-only";
import { asc, ne } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { users, type DepartmentCode, type Role } from "@/lib/db/schema";

export interface StaffAccount {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  department: DepartmentCode | null;
  disabled: boolean;
}

export async function listStaff(q: Queryable, options: { actor: Actor }): Promise<StaffAccount[]> {
  assertCan(options.actor, "staff.manage");
  return q
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      department: users.department,
      disabled: users.disabled,
    })
    .from(users)
    .where(ne(users.role, "resident"))
    .orderBy(asc(users.department), asc(users.role), asc(users.login));
}
