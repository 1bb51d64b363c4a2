// The staff accounts a senior admin manages (no residents: their accounts are their own).
import "server-only";
import { asc, ne } from "drizzle-orm";
import { openDisplayName, openLogin } from "./user-identity";
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
  const rows = await q
    .select({
      id: users.id,
      loginCipher: users.loginCipher,
      displayNameCipher: users.displayNameCipher,
      role: users.role,
      department: users.department,
      disabled: users.disabled,
    })
    .from(users)
    .where(ne(users.role, "resident"))
    .orderBy(asc(users.department), asc(users.role));
  // Logins are ciphertext at rest: decrypt, then order by them here.
  const accounts: StaffAccount[] = [];
  for (const { loginCipher, displayNameCipher, ...row } of rows) {
    accounts.push({ ...row, login: await openLogin(q, loginCipher), displayName: await openDisplayName(q, displayNameCipher) });
  }
  return accounts.sort((a, b) => (a.department ?? "").localeCompare(b.department ?? "") || a.role.localeCompare(b.role) || a.login.localeCompare(b.login));
}
