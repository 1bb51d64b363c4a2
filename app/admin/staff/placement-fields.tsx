"use client";
// Role and department of a staff account: the department list follows the chosen role.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ROLE_DEPARTMENTS, STAFF_ROLES, type StaffRole } from "@/lib/dal/admin/staff-roles";

export function PlacementFields({ idPrefix, role: initialRole = "clerk", department: initialDepartment, label }: { idPrefix: string; role?: StaffRole; department?: string; label?: string }) {
  const t = useTranslations();
  const [role, setRole] = useState<StaffRole>(initialRole);
  const departments = ROLE_DEPARTMENTS[role] as readonly string[];
  const [department, setDepartment] = useState(initialDepartment && departments.includes(initialDepartment) ? initialDepartment : departments[0]!);
  const chosen = departments.includes(department) ? department : departments[0]!;
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-role`} className="mb-1 block font-semibold">
          {label ? t("adminStaff.roleOf", { login: label }) : t("adminStaff.role")}
        </label>
        <select id={`${idPrefix}-role`} name="role" className="field-input" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-department`} className="mb-1 block font-semibold">
          {label ? t("adminStaff.departmentOf", { login: label }) : t("adminStaff.department")}
        </label>
        <select id={`${idPrefix}-department`} name="department" className="field-input" value={chosen} onChange={(e) => setDepartment(e.target.value)}>
          {departments.map((d) => (
            <option key={d} value={d}>
              {t(`departments.${d}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
