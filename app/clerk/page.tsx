import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { APPLICATION_KINDS } from "@/contracts";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { pageParam, Pager } from "@/app/components/flow/pager";
import { getFormatters } from "@/lib/i18n/format-server";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listQueue, QUEUE_STATUSES } from "@/lib/dal/registration/list-queue";
import { getDb } from "@/lib/db";
import { claimCase, releaseCase } from "./actions";

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

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
      {queue.items.length === 0 ? (
        <p className="bg-panel p-4">{t("queue.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">{t("queue.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pr-3">{t("mine.id")}</th>
                <th scope="col" className="py-2 pr-3">{t("queue.kind")}</th>
                <th scope="col" className="py-2 pr-3">{t("queue.status")}</th>
                <th scope="col" className="py-2 pr-3">{t("queue.age")}</th>
                <th scope="col" className="py-2 pr-3">{t("queue.assignee")}</th>
                <th scope="col" className="py-2">{t("queue.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.items.map((i) => (
                <tr key={i.applicationId} data-application={i.applicationId} className={`border-b border-line ${i.overdueHours > 0 ? "bg-panel" : ""}`}>
                  <th scope="row" className="py-2 pr-3 font-normal">
                    <Link className="link font-mono text-xs" href={`/clerk/cases/${i.applicationId}`}>{i.applicationId.slice(0, 12)}…</Link>
                    <span className="block font-mono text-xs">{i.unitNumber}</span>
                  </th>
                  <td className="py-2 pr-3">{t(`kinds.${i.kind}`)}</td>
                  <td className="py-2 pr-3">{t(`statuses.${i.status}`)}</td>
                  <td className="py-2 pr-3">
                    {t("common.hours", { hours: Math.round(i.ageHours) })}
                    <span className="block text-xs text-muted">{fmt.dateTime(i.submittedAt)}</span>
                    {i.overdueHours > 0 ? <strong className="block border-l-4 border-danger pl-1 text-danger">{t("queue.overdue")}: {t("common.overdue", { hours: Math.round(i.overdueHours) })}</strong> : null}
                  </td>
                  <td className="py-2 pr-3">{i.assignee === null ? t("common.none") : i.assignedToMe ? t("queue.me") : t("queue.someone")}</td>
                  <td className="py-2">
                    <div className="flex flex-wrap gap-2">
                      {i.assignee === null && ["submitted", "checks_pending", "more_material_requested", "ready_for_decision"].includes(i.status) ? (
                        <ActionForm action={claimCase} hidden={{ applicationId: i.applicationId, open: "1" }} label={t("queue.claim")} className="" />
                      ) : null}
                      {i.assignedToMe ? <ActionForm action={releaseCase} hidden={{ applicationId: i.applicationId }} label={t("queue.release")} variant="secondary" className="" /> : null}
                      <Link className="btn btn-secondary" href={`/clerk/cases/${i.applicationId}`}>{t("queue.open")}</Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager path="/clerk" params={params} page={queue.page} pageSize={queue.pageSize} total={queue.total} />
        </div>
      )}
    </Desk>
  );
}
