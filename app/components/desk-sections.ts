// Which sections each desk lists, and which of them an actor may open. A page's permission
// is not always the whole answer: /dashboards also needs a dashboard the actor may see
// (dashboardScopes: a clerk of another department has `dashboard.view` but no dashboard),
// so the link follows the same rule as the page instead of leading to a 403.
import { dashboardScopes, type Actor } from "@/lib/auth/permissions";
import { mayUse, PAGES } from "@/lib/auth/surfaces";

export type DeskName = "resident" | "clerk" | "department" | "admin" | "institution";

/** Sections per desk: path + `nav.<desk>.<key>` label. */
export const DESK_SECTIONS: Record<DeskName, readonly { path: string; key: string }[]> = {
  resident: [
    { path: "/resident", key: "home" },
    { path: "/resident/applications", key: "applications" },
    { path: "/resident/properties", key: "properties" },
    { path: "/resident/access-log", key: "accessLog" },
    { path: "/resident/queue-numbers", key: "queueNumbers" },
    { path: "/resident/account", key: "account" },
  ],
  clerk: [
    { path: "/clerk", key: "home" },
    { path: "/clerk/queue-numbers", key: "queueNumbers" },
    { path: "/dashboards", key: "dashboards" },
  ],
  department: [
    { path: "/department", key: "home" },
    { path: "/department/standing-rules", key: "standingRules" },
    { path: "/dashboards", key: "dashboards" },
    { path: "/department/revisions", key: "revisions" },
  ],
  admin: [
    { path: "/admin", key: "home" },
    { path: "/admin/rules", key: "rules" },
    { path: "/admin/keys", key: "keys" },
    { path: "/admin/staff", key: "staff" },
    { path: "/admin/ledger", key: "ledger" },
    { path: "/dashboards", key: "dashboards" },
    { path: "/admin/blocked", key: "blocked" },
    { path: "/admin/refusals", key: "refusals" },
  ],
  institution: [{ path: "/institution", key: "home" }],
};

/** Checks beyond the page's permission, for pages that narrow it per actor. */
const NARROWER: Record<string, (actor: Pick<Actor, "role" | "department">) => boolean> = {
  "/dashboards": (actor) => dashboardScopes(actor).length > 0,
};

export function mayOpenSection(actor: Pick<Actor, "role" | "department">, path: string): boolean {
  const page = PAGES.find((p) => p.path === path);
  if (!page || !mayUse(page, actor.role)) return false;
  return NARROWER[path]?.(actor) ?? true;
}

/** The sections of a desk the actor may open, in order. */
export function visibleSections(actor: Pick<Actor, "role" | "department">, desk: DeskName): readonly { path: string; key: string }[] {
  return DESK_SECTIONS[desk].filter((s) => mayOpenSection(actor, s.path));
}
