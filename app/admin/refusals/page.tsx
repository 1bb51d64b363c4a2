// Senior admin: refused look-ups by id — someone asked for an application, document or
// credential that is not theirs (or does not exist) and got a 404. "Exists" tells probing of
// real records from typos; the person who asked only ever saw "not found".
import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { pageParam } from "@/app/components/flow/pager";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listAccessRefusals } from "@/lib/dal/security/list-access-refusals";
import { getDb } from "@/lib/db";
import { formatters } from "@/lib/i18n/format";

const PAGE_SIZE = 50;

export default async function AccessRefusalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("ledger.health", "/admin/refusals");
  const params = await searchParams;
  const t = await getTranslations("securityAudit");
  const tRoles = await getTranslations("roles");
  const format = formatters(await getLocale());
  const page = pageParam(params.page);
  const list = await listAccessRefusals(await getDb(), { actor, page, pageSize: PAGE_SIZE });
  return (
    <Desk actor={actor} desk="admin" current="/admin/refusals" title={t("title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>
      <p className="mb-4" data-testid="refusal-totals" data-total={list.total} data-existing={list.onExistingRecords}>
        {t("totals", { total: list.total, existing: list.onExistingRecords })}
      </p>
      <DataTable
        id="refusals"
        caption={t("caption")}
        rows={list.items}
        rowKey={(r) => `${r.at.toISOString()}-${r.actorUserId}-${r.resourceId}`}
        rowAttributes={(r) => ({ "data-resource": r.resource, "data-resource-id": r.resourceId, "data-exists": String(r.targetExists), "data-actor": r.actorUserId })}
        empty={{ message: t("empty") }}
        pagination={{ path: "/admin/refusals", params, page, pageSize: PAGE_SIZE, total: list.total }}
        columns={[
          { header: t("when"), rowHeader: true, cell: (r) => format.dateTime(r.at) },
          { header: t("who"), cell: (r) => <>{tRoles.has(r.actorRole) ? tRoles(r.actorRole) : r.actorRole} <span className="font-mono text-xs">{r.actorUserId.slice(0, 8)}</span></> },
          { header: t("what"), cell: (r) => t(`resources.${r.resource}`) },
          { header: t("id"), className: "font-mono text-xs break-all", cell: (r) => r.resourceId },
          { header: t("exists"), cell: (r) => (r.targetExists ? t("existsYes") : t("existsNo")) },
        ]}
      />
    </Desk>
  );
}
