import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk, DESK_SECTIONS } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listMyApplications } from "@/lib/dal/registration/list-my-applications";
import { listNotifications } from "@/lib/dal/registration/list-notifications";
import { getDb } from "@/lib/db";

export default async function ResidentPage() {
  const actor = await requireActor("application.view_own", "/resident");
  const t = await getTranslations();
  const db = await getDb();
  const sections = DESK_SECTIONS.resident.filter((s) => s.path !== "/resident");
  const toConfirm = (await listMyApplications(db, { actor })).filter((a) => a.awaitingMyConfirmation);
  const unread = await listNotifications(db, { actor, unreadOnly: true, limit: 5 });
  return (
    <Desk actor={actor} desk="resident" current="/resident" title={t("desk.resident.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("desk.resident.lead")}</p>
      {toConfirm.length > 0 || unread.length > 0 ? (
        <section aria-labelledby="todo-h" className="mb-6 border-l-4 border-brand bg-panel p-4">
          <h2 id="todo-h" className="mb-2 text-xl font-semibold">{t("flow.mine.notifications")}</h2>
          <ul className="space-y-1">
            {toConfirm.map((a) => (
              <li key={a.applicationId}>
                <Link className="link font-semibold" href={`/resident/applications/${a.applicationId}/confirm`}>
                  {t("flow.mine.confirmNeeded")}: {t(`flow.kinds.${a.kind}`)} · {a.unitNumber}
                </Link>
              </li>
            ))}
            {unread.map((n) => (
              <li key={n.id}>
                <Link className="link" href={n.applicationId ? `/resident/applications/${n.applicationId}` : "/resident/applications"}>
                  {t.has(`flow.notifications.${n.kind}`) ? t(`flow.notifications.${n.kind}`) : n.kind}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="mb-6">
        <Link href="/resident/applications/new" className="btn btn-primary inline-block">
          {t("flow.mine.new")}
        </Link>
      </p>
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
