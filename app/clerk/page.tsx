import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk, DESK_SECTIONS } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function ClerkPage() {
  const actor = await requireActor("queue.view", "/clerk");
  const t = await getTranslations();
  const sections = DESK_SECTIONS.clerk.filter((s) => s.path !== "/clerk");
  return (
    <Desk actor={actor} desk="clerk" current="/clerk" title={t("desk.clerk.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("desk.clerk.lead")}</p>
      {sections.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {sections.map((s) => (
            <li key={s.path} className="border-t-4 border-brand bg-panel p-4">
              <Link href={s.path} className="link text-lg font-semibold">
                {t(`nav.clerk.${s.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Desk>
  );
}
