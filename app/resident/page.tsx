import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk, DESK_SECTIONS } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function ResidentPage() {
  const actor = await requireActor("application.view_own", "/resident");
  const t = await getTranslations();
  const sections = DESK_SECTIONS.resident.filter((s) => s.path !== "/resident");
  return (
    <Desk actor={actor} desk="resident" current="/resident" title={t("desk.resident.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("desk.resident.lead")}</p>
      {sections.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {sections.map((s) => (
            <li key={s.path} className="border-t-4 border-brand bg-panel p-4">
              <Link href={s.path} className="link text-lg font-semibold">
                {t(`nav.resident.${s.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Desk>
  );
}
