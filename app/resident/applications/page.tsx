import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { DataTable, pageOf } from "@/app/components/data-table";
import { pageParam } from "@/app/components/flow/pager";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listMyApplications } from "@/lib/dal/registration/list-my-applications";
import { listNotifications } from "@/lib/dal/registration/list-notifications";
import { getDb } from "@/lib/db";
import { getFormatters } from "@/lib/i18n/format-server";
import { markAllRead } from "./actions";

const PAGE_SIZE = 20;

export default async function ResidentApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("application.view_own", "/resident/applications");
  const t = await getTranslations("flow");
  const db = await getDb();
  const params = await searchParams;
  const page = pageParam(params.page);
  const all = await listMyApplications(db, { actor });
  const items = pageOf(all, page, PAGE_SIZE);
  const fmt = await getFormatters();
  const notifications = await listNotifications(db, { actor, limit: 20 });
  return (
    <Desk actor={actor} desk="resident" current="/resident/applications" title={t("mine.title")}>
      <p className="mb-6">
        <Link href="/resident/applications/new" className="btn btn-primary inline-block">
          {t("mine.new")}
        </Link>
      </p>
      <DataTable
        id="applications"
        className="mb-8"
        caption={t("mine.caption")}
        rows={items}
        rowKey={(a) => a.applicationId}
        rowAttributes={(a) => ({ "data-application": a.applicationId })}
        empty={{ message: t("mine.empty") }}
        pagination={{ path: "/resident/applications", params, page, pageSize: PAGE_SIZE, total: all.length }}
        columns={[
          { header: t("mine.kind"), rowHeader: true, cell: (a) => t(`kinds.${a.kind}`) },
          { header: t("mine.unit"), className: "font-mono break-all", cell: (a) => a.unitNumber },
          { header: t("mine.status"), cell: (a) => t(`statuses.${a.status}`) },
          { header: t("mine.since"), cell: (a) => fmt.dateTime(a.statusSince) },
          { header: t("mine.relation"), cell: (a) => t(`mine.${a.relation}`) },
          {
            header: t("mine.id"),
            cell: (a) =>
              a.awaitingMyConfirmation ? (
                <Link className="link font-semibold" href={`/resident/applications/${a.applicationId}/confirm`}>{t("mine.confirmNeeded")}</Link>
              ) : a.status === "draft" && a.relation === "filer" ? (
                <Link className="link" href={`/resident/applications/${a.applicationId}/edit`}>{t("mine.continueDraft")}</Link>
              ) : (
                <Link className="link" href={`/resident/applications/${a.applicationId}`}>{t("mine.open")}</Link>
              ),
          },
        ]}
      />
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
                  <span className="text-sm text-muted">{fmt.dateTime(n.createdAt)}</span>{" "}
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
