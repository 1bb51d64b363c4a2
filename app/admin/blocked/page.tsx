// Senior admin: open cases held up by a check (a department answered no, refused to
// authorise, or could not answer), oldest first, paged; each links to the override form,
// where a check is cleared with a mandatory reason that goes on the ledger and the timeline.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { pageParam } from "@/app/components/flow/pager";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listBlockedCases } from "@/lib/dal/registration/list-blocked-cases";
import { getDb } from "@/lib/db";
import { formatters } from "@/lib/i18n/format";

const PAGE_SIZE = 20;

export default async function BlockedCasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("application.override", "/admin/blocked");
  const params = await searchParams;
  const t = await getTranslations("flow");
  const format = formatters(await getLocale());
  const page = pageParam(params.page);
  const list = await listBlockedCases(await getDb(), { actor, filter: { page, pageSize: PAGE_SIZE } });
  return (
    <Desk actor={actor} desk="admin" current="/admin/blocked" title={t("blocked.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("blocked.lead")}</p>
      <DataTable
        id="blocked"
        caption={t("blocked.caption", { total: list.total })}
        rows={list.items}
        rowKey={(c) => c.applicationId}
        rowAttributes={(c) => ({ "data-application": c.applicationId })}
        columns={[
          {
            header: t("blocked.case"),
            rowHeader: true,
            className: "font-mono",
            cell: (c) => (
              <>
                {c.applicationId.slice(0, 12)}
                <br />
                <span className="font-sans">{t(`kinds.${c.kind}`)}</span>
              </>
            ),
          },
          { header: t("blocked.unit"), className: "font-mono text-xs", cell: (c) => c.unitNumber },
          { header: t("blocked.submitted"), cell: (c) => format.dateTime(c.submittedAt) },
          {
            header: t("blocked.checks"),
            cell: (c) => (
              <ul>
                {c.blockedChecks.map((b, i) => (
                  <li key={i} data-check={`${b.department}.${b.check}`}>
                    <span className="font-mono">{`${b.department}.${b.check}`}</span> ({t.has(`roles.${b.party}`) ? t(`roles.${b.party}`) : t("blocked.property")}): {t(`blocked.outcomes.${b.status}`)}
                    {b.reasonCode ? <span className="font-mono"> · {b.reasonCode}</span> : null}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            header: t("blocked.action"),
            cell: (c) => (
              <Link className="link" href={`/clerk/cases/${c.applicationId}/override`}>
                {t("blocked.override", { id: c.applicationId.slice(0, 12) })}
              </Link>
            ),
          },
        ]}
        empty={{ message: t("blocked.empty") }}
        pagination={{ path: "/admin/blocked", params, page: list.page, pageSize: PAGE_SIZE, total: list.total }}
      />
    </Desk>
  );
}
