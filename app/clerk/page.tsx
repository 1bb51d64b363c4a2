import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { APPLICATION_KINDS } from "@/contracts";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { DataTable } from "@/app/components/data-table";
import { pageParam } from "@/app/components/flow/pager";
import { getFormatters } from "@/lib/i18n/format-server";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listQueue, QUEUE_STATUSES } from "@/lib/dal/registration/list-queue";
import { getDb } from "@/lib/db";
import { claimCase, releaseCase } from "./actions";

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
/** Statuses in which an unassigned case can be claimed from the queue. */
const CLAIMABLE: readonly string[] = ["submitted", "checks_pending", "more_material_requested", "ready_for_decision"];

export default async function ClerkQueuePage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor("queue.view", "/clerk");
  const t = await getTranslations("flow");
  const fmt = await getFormatters();
  // Department windows (civil, tax, …) call queue numbers; registration cases are the registry's.
  if (actor.department !== "registry") {
    return (
      <Desk actor={actor} desk="clerk" current="/clerk" title={t("queue.title")}>
        <p className="bg-panel p-4">{t("queue.notRegistry")}</p>
      </Desk>
    );
  }
  const params = await searchParams;
  const kind = APPLICATION_KINDS.find((k) => k === one(params.kind));
  const status = QUEUE_STATUSES.find((s) => s === one(params.status));
  const minAge = Number(one(params.minAge));
  const minAgeHours = Number.isFinite(minAge) && minAge > 0 ? Math.min(minAge, 8760) : undefined;
  const mine = one(params.mine) === "1";
  const page = pageParam(params.page);
  const queue = await listQueue(await getDb(), {
    actor,
    filter: { kind: kind ? [kind] : undefined, status: status ? [status] : undefined, minAgeHours, mine, page, pageSize: 20 },
  });
  return (
    <Desk actor={actor} desk="clerk" current="/clerk" title={t("queue.title")}>
      <form method="get" action="/clerk" className="mb-6 flex flex-wrap items-end gap-4 bg-panel p-3" aria-label={t("queue.filters")}>
        <div>
          <label htmlFor="f-kind" className="block font-semibold">{t("queue.kind")}</label>
          <select id="f-kind" name="kind" defaultValue={kind ?? ""} className="field-input">
            <option value="">{t("queue.any")}</option>
            {APPLICATION_KINDS.map((k) => (
              <option key={k} value={k}>{t(`kinds.${k}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="block font-semibold">{t("queue.status")}</label>
          <select id="f-status" name="status" defaultValue={status ?? ""} className="field-input">
            <option value="">{t("queue.any")}</option>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>{t(`statuses.${s}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-age" className="block font-semibold">{t("queue.minAge")}</label>
          <input id="f-age" name="minAge" type="number" min={0} max={8760} defaultValue={minAgeHours ?? ""} className="field-input w-28" />
        </div>
        <div className="flex items-center gap-2">
          <input id="f-mine" name="mine" type="checkbox" value="1" defaultChecked={mine} className="h-5 w-5" />
          <label htmlFor="f-mine">{t("queue.mine")}</label>
        </div>
        <button type="submit" className="btn btn-secondary">{t("common.apply")}</button>
      </form>
      <p className="mb-2" role="status">{t("queue.total", { total: queue.total })}</p>
      <DataTable
        id="intake"
        dense
        caption={t("queue.caption")}
        rows={queue.items}
        rowKey={(i) => i.applicationId}
        rowAttributes={(i) => ({ "data-application": i.applicationId, className: i.overdueHours > 0 ? "bg-panel" : "" })}
        columns={[
          {
            header: t("mine.id"),
            rowHeader: true,
            nowrap: true,
            cell: (i) => (
              <Link className="link font-mono" href={`/clerk/cases/${i.applicationId}`} title={i.applicationId}>
                {i.applicationId.slice(0, 12)}…
              </Link>
            ),
          },
          { header: t("queue.unit"), nowrap: true, className: "font-mono text-xs", cell: (i) => i.unitNumber },
          { header: t("queue.kind"), nowrap: true, cell: (i) => t(`kinds.${i.kind}`) },
          { header: t("queue.status"), nowrap: true, cell: (i) => t(`statuses.${i.status}`) },
          { header: t("queue.submitted"), nowrap: true, cell: (i) => fmt.dateTime(i.submittedAt) },
          {
            header: t("queue.age"),
            nowrap: true,
            cell: (i) => (
              <>
                {t("common.hours", { hours: Math.round(i.ageHours) })}
                {i.overdueHours > 0 ? (
                  <strong className="ml-2 border-l-4 border-danger pl-1 text-danger">
                    {t("queue.overdue")}: {t("common.overdue", { hours: Math.round(i.overdueHours) })}
                  </strong>
                ) : null}
              </>
            ),
          },
          { header: t("queue.assignee"), nowrap: true, cell: (i) => (i.assignee === null ? t("common.none") : i.assignedToMe ? t("queue.me") : t("queue.someone")) },
        ]}
        actions={{
          header: t("queue.actions"),
          cell: (i) => (
            <>
              {i.assignee === null && CLAIMABLE.includes(i.status) ? (
                <ActionForm action={claimCase} hidden={{ applicationId: i.applicationId, open: "1" }} label={t("queue.claim")} size="sm" className="flex items-center gap-2" />
              ) : null}
              {i.assignedToMe ? <ActionForm action={releaseCase} hidden={{ applicationId: i.applicationId }} label={t("queue.release")} variant="secondary" size="sm" className="flex items-center gap-2" /> : null}
              <Link className="btn btn-secondary btn-sm" href={`/clerk/cases/${i.applicationId}`}>
                {t("queue.open")}
                <span className="sr-only"> {i.applicationId}</span>
              </Link>
            </>
          ),
        }}
        empty={{
          message: t("queue.empty"),
          action: kind || status || minAgeHours || mine ? <Link className="link" href="/clerk">{t("queue.clearFilters")}</Link> : undefined,
        }}
        pagination={{ path: "/clerk", params, page: queue.page, pageSize: queue.pageSize, total: queue.total }}
      />
    </Desk>
  );
}
