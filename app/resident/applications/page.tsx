import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { formatTime, pageParam, Pager } from "@/app/components/flow/pager";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listMyApplications } from "@/lib/dal/registration/list-my-applications";
import { listNotifications } from "@/lib/dal/registration/list-notifications";
import { getDb } from "@/lib/db";
import { markAllRead } from "./actions";

const PAGE_SIZE = 20;

export default async function ResidentApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("application.view_own", "/resident/applications");
  const t = await getTranslations("flow");
  const db = await getDb();
  const params = await searchParams;
  const page = pageParam(params.page);
  const all = await listMyApplications(db, { actor });
  const items = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const notifications = await listNotifications(db, { actor, limit: 20 });
  return (
    <Desk actor={actor} desk="resident" current="/resident/applications" title={t("mine.title")}>
      <p className="mb-6">
        <Link href="/resident/applications/new" className="btn btn-primary inline-block">
          {t("mine.new")}
        </Link>
      </p>
      {all.length === 0 ? (
        <p className="mb-8 bg-panel p-4">{t("mine.empty")}</p>
      ) : (
        <div className="mb-8 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">{t("mine.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pr-3">{t("mine.kind")}</th>
                <th scope="col" className="py-2 pr-3">{t("mine.unit")}</th>
                <th scope="col" className="py-2 pr-3">{t("mine.status")}</th>
                <th scope="col" className="py-2 pr-3">{t("mine.since")}</th>
                <th scope="col" className="py-2 pr-3">{t("mine.relation")}</th>
                <th scope="col" className="py-2">{t("mine.id")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.applicationId} className="border-b border-line" data-application={a.applicationId}>
                  <th scope="row" className="py-2 pr-3 font-normal">{t(`kinds.${a.kind}`)}</th>
                  <td className="py-2 pr-3 font-mono">{a.unitNumber}</td>
                  <td className="py-2 pr-3">{t(`statuses.${a.status}`)}</td>
                  <td className="py-2 pr-3">{formatTime(a.statusSince)}</td>
                  <td className="py-2 pr-3">{t(`mine.${a.relation}`)}</td>
                  <td className="py-2">
                    {a.awaitingMyConfirmation ? (
                      <Link className="link font-semibold" href={`/resident/applications/${a.applicationId}/confirm`}>{t("mine.confirmNeeded")}</Link>
                    ) : a.status === "draft" && a.relation === "filer" ? (
                      <Link className="link" href={`/resident/applications/${a.applicationId}/edit`}>{t("mine.continueDraft")}</Link>
                    ) : (
                      <Link className="link" href={`/resident/applications/${a.applicationId}`}>{t("mine.open")}</Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager path="/resident/applications" params={params} page={page} pageSize={PAGE_SIZE} total={all.length} />
        </div>
      )}
      <section aria-labelledby="notes-h">
        <h2 id="notes-h" className="mb-2 text-2xl font-semibold">{t("mine.notifications")}</h2>
        {notifications.length === 0 ? (
          <p className="bg-panel p-4">{t("mine.notificationsEmpty")}</p>
        ) : (
          <>
            <ul className="mb-4 space-y-2" data-testid="notifications">
              {notifications.map((n) => (
                <li key={n.id} className={`border-l-4 p-2 ${n.read ? "border-line" : "border-brand bg-panel"}`} data-kind={n.kind}>
                  {!n.read ? <strong className="mr-2">{t("mine.unread")}</strong> : null}
                  {t.has(`notifications.${n.kind}`) ? t(`notifications.${n.kind}`) : n.kind}{" "}
                  <span className="text-sm text-muted">{formatTime(n.createdAt)}</span>{" "}
                  {n.applicationId ? (
                    <Link className="link" href={`/resident/applications/${n.applicationId}`}>{t("mine.open")}</Link>
                  ) : null}
                </li>
              ))}
            </ul>
            <ActionForm action={markAllRead} label={t("mine.markRead")} variant="secondary" />
          </>
        )}
      </section>
    </Desk>
  );
}
