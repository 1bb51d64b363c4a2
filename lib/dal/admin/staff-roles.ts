// Which departments a staff role may belong to (DESIGN.md §1): clerks work at the registry or
// a department that answers checks, department admins exist for every department, senior
// admins are the registry's system team, institution officers belong to a bank or court.
import { z } from "zod";
// Client components import this file too: only pure modules here (no database schema).
import { DEPARTMENT_CODES, type DepartmentCode } from "@/contracts/shared/contract";
import type { Role } from "@/drizzle/schema/identity";

export type StaffRole = Exclude<Role, "resident">;
export const STAFF_ROLES = ["clerk", "department_admin", "senior_admin", "institution"] as const satisfies readonly StaffRole[];

export const ROLE_DEPARTMENTS = {
  clerk: ["registry", "land", "housing", "tax", "police", "civil"],
  department_admin: DEPARTMENT_CODES,
  senior_admin: ["registry"],
  institution: ["bank", "court"],
} as const satisfies Record<StaffRole, readonly DepartmentCode[]>;

export function roleFitsDepartment(role: StaffRole, department: DepartmentCode): boolean {
  return (ROLE_DEPARTMENTS[role] as readonly DepartmentCode[]).includes(department);
}

/** Role and department of a staff account; the pair must fit (errors.* key on the department field). */
export const staffPlacementSchema = z
  .object({ role: z.enum(STAFF_ROLES), department: z.enum(DEPARTMENT_CODES) })
  .refine((p) => roleFitsDepartment(p.role, p.department), { message: "adminStaff.roleDepartment", path: ["department"] });
