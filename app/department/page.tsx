import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { pageParam, Pager } from "@/app/components/flow/pager";
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
      {inbox.items.length === 0 ? (
        <p className="bg-panel p-4">{t("inbox.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">{t("inbox.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pr-3">{t("inbox.check")}</th>
                <th scope="col" className="py-2 pr-3">{t("inbox.application")}</th>
                <th scope="col" className="py-2 pr-3">{t("inbox.raised")}</th>
                <th scope="col" className="py-2 pr-3">{t("inbox.status")}</th>
                <th scope="col" className="py-2 pr-3">{t("inbox.authorisation")}</th>
                <th scope="col" className="py-2">{t("inbox.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.items.map((i) => {
                const by = i.authorisation?.authorisedBy ? names.get(i.authorisation.authorisedBy) : undefined;
                return (
                  <tr key={i.requestId} data-request={i.requestId} data-check={i.check} data-status={i.status} className={`border-b border-line align-top ${i.overdueHours > 0 ? "bg-panel" : ""}`}>
                    <th scope="row" className="py-2 pr-3 font-normal">
                      <span className="font-mono">{i.check}</span>
                      <span className="block text-xs text-muted">{i.party}</span>
                    </th>
                    <td className="py-2 pr-3 font-mono text-xs">{i.applicationId.slice(0, 12)}…</td>
                    <td className="py-2 pr-3">
                      {fmt.dateTime(i.raisedAt)}
                      <span className="block text-xs">{t("common.hours", { hours: i.expectedHours })}</span>
                      {i.overdueHours > 0 ? <strong className="block text-danger">{t("common.overdue", { hours: Math.round(i.overdueHours) })}</strong> : null}
                    </td>
                    <td className="py-2 pr-3">
                      {t.has(`statuses.${i.status}`) ? t(`statuses.${i.status}`) : i.status}
                      {i.reasonCode ? <span className="block font-mono text-xs">{i.reasonCode}</span> : null}
                    </td>
                    <td className="py-2 pr-3">
                      {i.authorisation
                        ? `${by?.name ?? i.authorisation.authorisedBy ?? ""} · ${t.has(`accessLog.via.${i.authorisation.via}`) ? t(`accessLog.via.${i.authorisation.via}`) : i.authorisation.via}`
                        : t("common.none")}
                    </td>
                    <td className="space-y-2 py-2">
                      {i.status === "requested" && can(actor, "check.authorise") ? (
                        <>
                          <ActionForm action={authoriseInboxRequest} hidden={{ requestId: i.requestId }} label={t("inbox.authorise")} confirm={t("inbox.authoriseConfirm")} />
                          <details>
                            <summary className="cursor-pointer font-semibold">{t("inbox.refuse")} …</summary>
                            <ActionForm action={refuseInboxRequest} hidden={{ requestId: i.requestId }} label={t("inbox.refuse")} confirm={t("inbox.refuseConfirm")} variant="danger" className="mt-2 space-y-2">
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
                        <ActionForm action={answerInboxRequest} hidden={{ requestId: i.requestId }} label={t("inbox.answer")} confirm={t("inbox.answerConfirm")} />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager path="/department" params={params} page={inbox.page} pageSize={inbox.pageSize} total={inbox.total} />
        </div>
      )}
      <p className="mt-6">
        <Link className="link" href="/department/standing-rules">{tAll("nav.department.standingRules")}</Link>
      </p>
    </Desk>
  );
}
