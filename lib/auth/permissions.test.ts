import { describe, expect, it } from "vitest";
import { ROLES } from "@/drizzle/schema/identity";
import { assertCan, can, ForbiddenError, PERMISSIONS, ROLE_PERMISSIONS } from "./permissions";

describe("permissions", () => {
  it("grants every permission to at least one role, and only known permissions", () => {
    const granted = new Set(Object.values(ROLE_PERMISSIONS).flat());
    expect([...granted].filter((p) => !(PERMISSIONS as readonly string[]).includes(p))).toEqual([]);
    expect(PERMISSIONS.filter((p) => !granted.has(p))).toEqual([]);
  });

  it("keeps the duties of DESIGN.md §1 apart", () => {
    // Residents file; clerks decide; department admins authorise; only senior admins run the system.
    expect(can({ role: "resident" }, "application.file")).toBe(true);
    expect(can({ role: "resident" }, "application.approve")).toBe(false);
    expect(can({ role: "clerk" }, "application.approve")).toBe(true);
    expect(can({ role: "clerk" }, "check.authorise")).toBe(false);
    expect(can({ role: "department_admin" }, "check.authorise")).toBe(true);
    expect(can({ role: "department_admin" }, "application.approve")).toBe(false);
    for (const p of ["rules.publish", "keys.rotate", "staff.manage"] as const) {
      expect(ROLES.filter((role) => can({ role }, p))).toEqual(["senior_admin"]);
    }
    expect(can({ role: "institution" }, "credential.lookup")).toBe(true);
    expect(can({ role: "institution" }, "application.view")).toBe(false);
  });

  it("refuses an anonymous actor everything", () => {
    for (const p of PERMISSIONS) expect(can(null, p)).toBe(false);
    expect(() => assertCan(null, "application.file")).toThrow(ForbiddenError);
  });

  it("assertCan throws a typed error naming the permission", () => {
    expect(() => assertCan({ role: "resident" }, "keys.rotate")).toThrow(ForbiddenError);
    try {
      assertCan({ role: "resident" }, "keys.rotate");
    } catch (error) {
      expect((error as ForbiddenError).permission).toBe("keys.rotate");
    }
    expect(() => assertCan({ role: "senior_admin" }, "keys.rotate")).not.toThrow();
  });
});
