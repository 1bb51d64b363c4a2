import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk, DESK_SECTIONS } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function InstitutionPage() {
  const actor = await requireActor("credential.lookup", "/institution");
  const t = await getTranslations();
  const sections = DESK_SECTIONS.institution.filter((s) => s.path !== "/institution");
  return (
    <Desk actor={actor} desk="institution" current="/institution" title={t("desk.institution.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("desk.institution.lead")}</p>
      {sections.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {sections.map((s) => (
            <li key={s.path} className="border-t-4 border-brand bg-panel p-4">
              <Link href={s.path} className="link text-lg font-semibold">
                {t(`nav.institution.${s.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Desk>
  );
}
