import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { formatTime, pageParam, Pager } from "@/app/components/flow/pager";
import { listMyAccessLog } from "@/lib/dal/access/list-my-access-log";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { getDb } from "@/lib/db";

const PAGE_SIZE = 25;

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("access_log.view_own", "/resident/access-log");
  const t = await getTranslations("flow");
  const tAll = await getTranslations();
  const params = await searchParams;
  const page = pageParam(params.page);
  const all = await listMyAccessLog(await getDb(), { actor, limit: 1000 });
  const items = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const dept = (d: string | null) => (d ? (tAll.has(`departments.${d}`) ? tAll(`departments.${d}`) : d) : "");
  const role = (r: string) => (tAll.has(`roles.${r}`) ? tAll(`roles.${r}`) : r);
  return (
    <Desk actor={actor} desk="resident" current="/resident/access-log" title={t("accessLog.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("accessLog.lead")}</p>
      {all.length === 0 ? (
        <p className="bg-panel p-4">{t("accessLog.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">{t("accessLog.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pr-3">{t("accessLog.when")}</th>
                <th scope="col" className="py-2 pr-3">{t("accessLog.who")}</th>
                <th scope="col" className="py-2 pr-3">{t("accessLog.what")}</th>
                <th scope="col" className="py-2 pr-3">{t("accessLog.why")}</th>
                <th scope="col" className="py-2 pr-3">{t("accessLog.authorisedBy")}</th>
                <th scope="col" className="py-2 pr-3">{t("accessLog.outcome")}</th>
                <th scope="col" className="py-2">{t("accessLog.proof")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.seq} className="border-b border-line" data-seq={a.seq} data-check={`${a.dataDepartment}.${a.check}`} data-outcome={a.outcome}>
                  <th scope="row" className="py-2 pr-3 font-normal">{formatTime(a.time)}</th>
                  <td className="py-2 pr-3">
                    {dept(a.reader.department)} · {role(a.reader.role)}
                    {a.reader.staffName ? ` (${a.reader.staffName})` : ""}
                  </td>
                  <td className="py-2 pr-3">
                    {dept(a.dataDepartment)} · {a.check}
                  </td>
                  <td className="py-2 pr-3">
                    {t.has(`accessLog.purposes.${a.purpose}`) ? t(`accessLog.purposes.${a.purpose}`) : a.purpose}
                    {a.applicationId ? <span className="block font-mono text-xs">{a.applicationId}</span> : null}
                  </td>
                  <td className="py-2 pr-3">
                    {a.authorisedBy
                      ? `${dept(a.authorisedBy.department)} · ${role(a.authorisedBy.role)}${a.authorisedBy.staffName ? ` (${a.authorisedBy.staffName})` : ""} · ${t.has(`accessLog.via.${a.authorisedBy.via}`) ? t(`accessLog.via.${a.authorisedBy.via}`) : a.authorisedBy.via}`
                      : t("accessLog.noGrant")}
                  </td>
                  <td className={`py-2 pr-3 ${a.outcome === "refused" ? "font-semibold text-danger" : ""}`}>
                    {a.outcome === "read" ? t("accessLog.read") : t("accessLog.refused", { code: a.refusalCode ?? "" })}
                  </td>
                  <td className="py-2">
                    <a className="link font-mono" href={`/api/ledger/entries/${a.seq}`}>
                      {t("common.seq", { seq: a.seq })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager path="/resident/access-log" params={params} page={page} pageSize={PAGE_SIZE} total={all.length} />
        </div>
      )}
    </Desk>
  );
}
