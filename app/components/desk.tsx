// The shell of every role's desk: heading, the role's sections as navigation, content.
// Navigation only shows what the actor may open; the pages themselves still check
// (lib/dal/auth/get-actor.ts requireActor), because a hidden link protects nothing.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/permissions";
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
  ],
  institution: [{ path: "/institution", key: "home" }],
};

function allowed(actor: Actor, path: string): boolean {
  const page = PAGES.find((p) => p.path === path);
  return page ? mayUse(page, actor.role) : false;
}

export async function Desk({
  actor,
  desk,
  current,
  title,
  children,
}: {
  actor: Actor;
  desk: DeskName;
  current: string;
  title: string;
  children?: ReactNode;
}) {
  const t = await getTranslations();
  const sections = DESK_SECTIONS[desk].filter((s) => allowed(actor, s.path));
  return (
    <div className="mx-auto grid max-w-5xl gap-8 px-4 py-8 md:grid-cols-[12rem_1fr]">
      <nav aria-label={t("desk.sections")}>
        <ul className="space-y-1 border-l-4 border-line">
          {sections.map((s) => (
            <li key={s.path}>
              <Link
                href={s.path}
                aria-current={s.path === current ? "page" : undefined}
                className={`block px-3 py-2 ${s.path === current ? "border-l-4 -ml-1 border-brand bg-panel font-semibold" : "link"}`}
              >
                {t(`nav.${desk}.${s.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {/* min-w-0: a wide table scrolls inside its own region instead of widening the page. */}
      <div className="min-w-0">
        <p className="text-sm text-muted">
          {t(`roles.${actor.role}`)}
          {actor.department ? ` · ${t("desk.department_label", { department: t(`departments.${actor.department}`) })}` : ""}
        </p>
        <h1 className="mb-2 text-3xl font-bold">{title}</h1>
        {children}
      </div>
    </div>
  );
}

/** Placeholder body for a section a later change fills in. */
export async function ComingSoon() {
  const t = await getTranslations("common");
  return <p className="mt-4 max-w-prose rounded border-l-4 border-brand bg-panel p-4">{t("comingSoon")}</p>;
}
