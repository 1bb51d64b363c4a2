// The desk's links follow the pages' own rules: every demo staff account sees the Dashboards
// link exactly when it has a dashboard to open (a clerk of the tax bureau has none and would
// get 403), and no section the role may not use.
import { describe, expect, it } from "vitest";
import { DEMO_STAFF } from "@/drizzle/seed/demo-accounts";
import { dashboardScopes } from "@/lib/auth/permissions";
import { mayUse, PAGES } from "@/lib/auth/surfaces";
import { DESK_SECTIONS, visibleSections, type DeskName } from "./desk-sections";

const deskOf = { clerk: "clerk", department_admin: "department", senior_admin: "admin", institution: "institution", resident: "resident" } as const satisfies Record<string, DeskName>;

describe("desk sections", () => {
  it("show Dashboards only to staff with a dashboard", () => {
    const shown = (login: string) => {
      const s = DEMO_STAFF.find((x) => x.login === login)!;
      return visibleSections({ role: s.role, department: s.department }, deskOf[s.role]).some((x) => x.path === "/dashboards");
    };
    expect(shown("clerk.tax")).toBe(false);
    expect(shown("clerk.police")).toBe(false);
    expect(shown("clerk.registry")).toBe(true);
    expect(shown("admin.tax")).toBe(true);
    expect(shown("senior.admin")).toBe(true);
    for (const s of DEMO_STAFF) {
      if (s.role === "institution") continue;
      expect(shown(s.login), s.login).toBe(dashboardScopes({ role: s.role, department: s.department }).length > 0);
    }
  });

  it("never list a page the role may not use", () => {
    for (const s of DEMO_STAFF) {
      const desk = deskOf[s.role];
      for (const section of visibleSections({ role: s.role, department: s.department }, desk)) {
        const page = PAGES.find((p) => p.path === section.path);
        expect(page && mayUse(page, s.role), `${s.login} ${section.path}`).toBe(true);
      }
      expect(DESK_SECTIONS[desk].length).toBeGreaterThan(0);
    }
  });
});
