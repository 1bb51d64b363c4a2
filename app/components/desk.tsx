// The shell of every role's desk: heading, the role's sections as navigation, content.
// Navigation only shows what the actor may open; the pages themselves still check
// (lib/dal/auth/get-actor.ts requireActor), because a hidden link protects nothing.
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/permissions";
import { DeskNav } from "./desk-nav";
import { visibleSections, type DeskName } from "./desk-sections";

export { DESK_SECTIONS, type DeskName } from "./desk-sections";

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
  const sections = visibleSections(actor, desk);
  // Staff work long lists: their desks use the whole width of a large screen; residents and
  // institutions keep a reading-width column.
  const wide = desk === "clerk" || desk === "department" || desk === "admin";
  return (
    <div className={`mx-auto grid gap-4 px-4 py-6 md:grid-cols-[12rem_1fr] md:gap-8 md:py-8 ${wide ? "max-w-[96rem] lg:grid-cols-[10rem_1fr] lg:gap-6" : "max-w-5xl"}`}>
      <DeskNav
        label={t("desk.sections")}
        menuLabel={t("desk.menu")}
        current={current}
        sections={sections.map((s) => ({ path: s.path, label: t(`nav.${desk}.${s.key}`) }))}
      />
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
