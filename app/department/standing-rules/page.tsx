import { getTranslations } from "next-intl/server";
import { ACCESS_PURPOSES } from "@/contracts/access-grant/access-grant";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { DataTable, pageOf } from "@/app/components/data-table";
import { pageParam } from "@/app/components/flow/pager";
import { listStandingRules } from "@/lib/dal/access/list-standing-rules";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { staffNames } from "@/lib/dal/registration/staff-names";
import { getDb } from "@/lib/db";
import { getFormatters } from "@/lib/i18n/format-server";
import { createStandingRule, revokeStandingRule } from "../actions";

const PAGE_SIZE = 20;

export default async function StandingRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("standing_rule.manage", "/department/standing-rules");
  const t = await getTranslations("flow");
  const tAll = await getTranslations();
  const params = await searchParams;
  const page = pageParam(params.page);
  const db = await getDb();
  const { rules, checks } = await listStandingRules(db, { actor });
  const shown = pageOf(rules, page, PAGE_SIZE);
  const fmt = await getFormatters();
  const names = await staffNames(db, { actor, ids: shown.map((r) => r.grantedBy) });
  return (
    <Desk actor={actor} desk="department" current="/department/standing-rules" title={t("rules.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("rules.lead")}</p>
      {checks.length > 0 ? (
        <section aria-labelledby="create-h" className="mb-8 bg-panel p-4">
          <h2 id="create-h" className="mb-3 text-xl font-semibold">{t("rules.create")}</h2>
          <ActionForm action={createStandingRule} label={t("rules.create")} confirm={t("rules.createConfirm")}>
            <div>
              <label htmlFor="sr-check" className="mb-1 block font-semibold">{t("rules.check")}</label>
              <select id="sr-check" name="check" className="field-input">
                {checks.map((c) => (
                  <option key={c} value={c}>{c}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="sr-purpose" className="mb-1 block font-semibold">{t("rules.purpose")}</label>
              <select id="sr-purpose" name="purpose" className="field-input" defaultValue={actor.department === "registry" ? "case_review" : "registration_check"}>
                {ACCESS_PURPOSES.map((p) => (
                  <option key={p} value={p}>{t(`accessLog.purposes.${p}`)}</option>
                ))}
              </select>
            </div>
          </ActionForm>
        </section>
      ) : null}
      <DataTable
        id="standing-rules"
        caption={t("rules.caption")}
        rows={shown}
        rowKey={(r) => r.grantId}
        rowAttributes={(r) => ({ "data-grant": r.grantId, "data-check": r.check, "data-status": r.status })}
        empty={{ message: t("rules.empty") }}
        pagination={{ path: "/department/standing-rules", params, page, pageSize: PAGE_SIZE, total: rules.length }}
        columns={[
          { header: t("rules.check"), rowHeader: true, className: "font-mono", cell: (r) => r.check },
          { header: t("rules.requester"), cell: (r) => (tAll.has(`departments.${r.requester}`) ? tAll(`departments.${r.requester}`) : r.requester) },
          { header: t("rules.purpose"), cell: (r) => (t.has(`accessLog.purposes.${r.purpose}`) ? t(`accessLog.purposes.${r.purpose}`) : r.purpose) },
          {
            header: t("rules.status"),
            cell: (r) => (
              <>
                {t.has(`statuses.${r.status}`) ? t(`statuses.${r.status}`) : r.status}
                <span className="block text-xs">{t("rules.validFrom")}: {fmt.dateTime(r.validFrom)}</span>
              </>
            ),
          },
          { header: t("rules.grantedBy"), cell: (r) => names.get(r.grantedBy)?.name ?? r.grantedBy },
          {
            header: t("accessLog.proof"),
            cell: (r) => (
              <a className="link font-mono" href={`/api/ledger/entries/${r.seq}`}>{t("common.seq", { seq: r.seq })}</a>
            ),
          },
          {
            header: t("inbox.actions"),
            cell: (r) =>
              r.status === "active" ? (
                <ActionForm action={revokeStandingRule} hidden={{ grantId: r.grantId }} label={t("rules.revoke")} confirm={t("rules.revokeConfirm")} variant="secondary">
                  <div>
                    <label htmlFor={`rv-${r.grantId}`} className="block font-semibold">{t("common.reasonCode")}</label>
                    <input id={`rv-${r.grantId}`} name="reasonCode" required pattern="[a-z][a-z0-9_]{1,63}" defaultValue="no_longer_needed" className="field-input" />
                  </div>
                </ActionForm>
              ) : null,
          },
        ]}
      />
    </Desk>
  );
}
