import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { DataTable, pageOf } from "@/app/components/data-table";
import { pageParam } from "@/app/components/flow/pager";
import { listMyAccessLog } from "@/lib/dal/access/list-my-access-log";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { getDb } from "@/lib/db";
import { getFormatters } from "@/lib/i18n/format-server";

const PAGE_SIZE = 25;

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("access_log.view_own", "/resident/access-log");
  const t = await getTranslations("flow");
  const tAll = await getTranslations();
  const params = await searchParams;
  const page = pageParam(params.page);
  const all = await listMyAccessLog(await getDb(), { actor, limit: 1000 });
  const items = pageOf(all, page, PAGE_SIZE);
  const fmt = await getFormatters();
  const dept = (d: string | null) => (d ? (tAll.has(`departments.${d}`) ? tAll(`departments.${d}`) : d) : "");
  const role = (r: string) => (tAll.has(`roles.${r}`) ? tAll(`roles.${r}`) : r);
  return (
    <Desk actor={actor} desk="resident" current="/resident/access-log" title={t("accessLog.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("accessLog.lead")}</p>
      <DataTable
        id="access-log"
        caption={t("accessLog.caption")}
        rows={items}
        rowKey={(a) => String(a.seq)}
        rowAttributes={(a) => ({ "data-seq": a.seq, "data-check": `${a.dataDepartment}.${a.check}`, "data-outcome": a.outcome })}
        empty={{ message: t("accessLog.empty") }}
        pagination={{ path: "/resident/access-log", params, page, pageSize: PAGE_SIZE, total: all.length }}
        columns={[
          { header: t("accessLog.when"), rowHeader: true, cell: (a) => fmt.dateTime(a.time) },
          {
            header: t("accessLog.who"),
            cell: (a) => `${dept(a.reader.department)} · ${role(a.reader.role)}${a.reader.staffName ? ` (${a.reader.staffName})` : ""}`,
          },
          { header: t("accessLog.what"), cell: (a) => `${dept(a.dataDepartment)} · ${a.check}` },
          {
            header: t("accessLog.why"),
            cell: (a) => (
              <>
                {t.has(`accessLog.purposes.${a.purpose}`) ? t(`accessLog.purposes.${a.purpose}`) : a.purpose}
                {a.applicationId ? <span className="block font-mono text-xs">{a.applicationId}</span> : null}
              </>
            ),
          },
          {
            header: t("accessLog.authorisedBy"),
            cell: (a) =>
              a.authorisedBy
                ? `${dept(a.authorisedBy.department)} · ${role(a.authorisedBy.role)}${a.authorisedBy.staffName ? ` (${a.authorisedBy.staffName})` : ""} · ${t.has(`accessLog.via.${a.authorisedBy.via}`) ? t(`accessLog.via.${a.authorisedBy.via}`) : a.authorisedBy.via}`
                : t("accessLog.noGrant"),
          },
          {
            header: t("accessLog.outcome"),
            cell: (a) =>
              a.outcome === "read" ? t("accessLog.read") : <span className="font-semibold text-danger">{t("accessLog.refused", { code: a.refusalCode ?? "" })}</span>,
          },
          {
            header: t("accessLog.proof"),
            cell: (a) => (
              <a className="link font-mono" href={`/api/ledger/entries/${a.seq}`}>
                {t("common.seq", { seq: a.seq })}
              </a>
            ),
          },
        ]}
      />
    </Desk>
  );
}
