import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { DataTable } from "@/app/components/data-table";
import { pageParam } from "@/app/components/flow/pager";
import { getFormatters } from "@/lib/i18n/format-server";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listInbox, REQUEST_STATUSES } from "@/lib/dal/departments/list-inbox";
import { staffNames } from "@/lib/dal/registration/staff-names";
import { getDb } from "@/lib/db";
import { answerInboxRequest, authoriseInboxRequest, refuseInboxRequest } from "./actions";

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DepartmentInboxPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor("check.view", "/department");
  const t = await getTranslations("flow");
  const tAll = await getTranslations();
  const fmt = await getFormatters();
  const params = await searchParams;
  const statusParam = one(params.status) ?? "waiting";
  const status = statusParam === "waiting" ? (["requested", "authorised"] as const) : REQUEST_STATUSES.filter((s) => s === statusParam);
  const page = pageParam(params.page);
  const db = await getDb();
  const inbox = await listInbox(db, { actor, filter: { status: statusParam === "all" ? undefined : [...status], page, pageSize: 20 } });
  const names = await staffNames(db, { actor, ids: inbox.items.flatMap((i) => (i.authorisation?.authorisedBy ? [i.authorisation.authorisedBy] : [])) });
  return (
    <Desk actor={actor} desk="department" current="/department" title={t("inbox.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("inbox.lead")}</p>
      <form method="get" action="/department" className="mb-6 flex flex-wrap items-end gap-4 bg-panel p-3" aria-label={t("queue.filters")}>
        <div>
          <label htmlFor="f-status" className="block font-semibold">{t("inbox.status")}</label>
          <select id="f-status" name="status" defaultValue={statusParam} className="field-input">
            <option value="waiting">
              {t("statuses.requested")} / {t("statuses.authorised")}
            </option>
            <option value="all">{t("queue.any")}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>{t(`statuses.${s}`)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">{t("common.apply")}</button>
      </form>
      <DataTable
        id="inbox"
        dense
        caption={t("inbox.caption")}
        rows={inbox.items}
        rowKey={(i) => i.requestId}
        rowAttributes={(i) => ({ "data-request": i.requestId, "data-check": i.check, "data-status": i.status, className: i.overdueHours > 0 ? "bg-panel" : "" })}
        columns={[
          {
            header: t("inbox.check"),
            rowHeader: true,
            nowrap: true,
            cell: (i) => (
              <>
                <span className="font-mono">{i.check}</span> <span className="text-muted">{i.party}</span>
              </>
            ),
          },
          { header: t("inbox.application"), nowrap: true, className: "font-mono", cell: (i) => `${i.applicationId.slice(0, 12)}…` },
          {
            header: t("inbox.raised"),
            nowrap: true,
            cell: (i) => (
              <>
                {fmt.dateTime(i.raisedAt)} <span className="text-muted">· {t("common.hours", { hours: i.expectedHours })}</span>
                {i.overdueHours > 0 ? <strong className="ml-2 text-danger">{t("common.overdue", { hours: Math.round(i.overdueHours) })}</strong> : null}
              </>
            ),
          },
          {
            header: t("inbox.status"),
            nowrap: true,
            cell: (i) => (
              <>
                {t.has(`statuses.${i.status}`) ? t(`statuses.${i.status}`) : i.status}
                {i.reasonCode ? <span className="ml-2 font-mono text-muted">{i.reasonCode}</span> : null}
              </>
            ),
          },
          {
            header: t("inbox.authorisation"),
            cell: (i) => {
              const by = i.authorisation?.authorisedBy ? names.get(i.authorisation.authorisedBy) : undefined;
              return i.authorisation
                ? `${by?.name ?? i.authorisation.authorisedBy ?? ""} · ${t.has(`accessLog.via.${i.authorisation.via}`) ? t(`accessLog.via.${i.authorisation.via}`) : i.authorisation.via}`
                : t("common.none");
            },
          },
        ]}
        actions={{
          header: t("inbox.actions"),
          cell: (i) => (
            <>
              {i.status === "requested" && can(actor, "check.authorise") ? (
                <>
                  <ActionForm action={authoriseInboxRequest} hidden={{ requestId: i.requestId }} label={t("inbox.authorise")} confirm={t("inbox.authoriseConfirm")} size="sm" className="space-y-2" />
                  <details>
                    <summary className="cursor-pointer font-semibold">{t("inbox.refuse")} …</summary>
                    <ActionForm action={refuseInboxRequest} hidden={{ requestId: i.requestId }} label={t("inbox.refuse")} confirm={t("inbox.refuseConfirm")} variant="danger" size="sm" className="mt-2 min-w-64 space-y-2 whitespace-normal">
                      <div>
                        <label htmlFor={`rf-code-${i.requestId}`} className="block font-semibold">{t("common.reasonCode")}</label>
                        <input id={`rf-code-${i.requestId}`} name="reasonCode" required pattern="[a-z][a-z0-9_]{1,63}" defaultValue="purpose_not_justified" className="field-input" />
                      </div>
                      <div>
                        <label htmlFor={`rf-note-${i.requestId}`} className="block font-semibold">{t("common.note")}</label>
                        <textarea id={`rf-note-${i.requestId}`} name="note" maxLength={2000} rows={2} className="field-input w-full" />
                      </div>
                    </ActionForm>
                  </details>
                </>
              ) : null}
              {i.status === "authorised" && can(actor, "check.answer") ? (
                <ActionForm action={answerInboxRequest} hidden={{ requestId: i.requestId }} label={t("inbox.answer")} confirm={t("inbox.answerConfirm")} size="sm" className="space-y-2" />
              ) : null}
            </>
          ),
        }}
        empty={{ message: t("inbox.empty") }}
        pagination={{ path: "/department", params, page: inbox.page, pageSize: inbox.pageSize, total: inbox.total }}
      />
      <p className="mt-6">
        <Link className="link" href="/department/standing-rules">{tAll("nav.department.standingRules")}</Link>
      </p>
    </Desk>
  );
}
