// Accounts for integration tests, made the way the seed makes them.
import { hashPassword } from "@/lib/auth/password";
import type { Queryable } from "@/lib/db";
import { departments, users, type DepartmentCode, type Role } from "@/lib/db/schema";
import { sealIdentity } from "./user-identity";

export async function insertDepartment(q: Queryable, code: DepartmentCode): Promise<void> {
  await q.insert(departments).values({ code, nameZh: code, nameEn: code }).onConflictDoNothing();
}

export async function insertUser(
  q: Queryable,
  options: { login: string; password: string; role: Role; department?: DepartmentCode | null; disabled?: boolean },
): Promise<{ id: string }> {
  const department = options.department ?? (options.role === "resident" ? null : "registry");
  if (department) await insertDepartment(q, department);
  const [row] = await q
    .insert(users)
    .values({
      ...(await sealIdentity(q, { login: options.login, displayName: options.login })),
      role: options.role,
      department,
      passwordHash: await hashPassword(options.password),
      disabled: options.disabled ?? false,
    })
    .returning({ id: users.id });
  return row!;
}
