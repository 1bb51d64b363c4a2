import { getTranslations } from "next-intl/server";
import { ACCESS_PURPOSES } from "@/contracts/access-grant/access-grant";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { formatTime, pageParam, Pager } from "@/app/components/flow/pager";
import { listStandingRules } from "@/lib/dal/access/list-standing-rules";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { staffNames } from "@/lib/dal/registration/staff-names";
import { getDb } from "@/lib/db";
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
  const shown = rules.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
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
      {rules.length === 0 ? (
        <p className="bg-panel p-4">{t("rules.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">{t("rules.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pr-3">{t("rules.check")}</th>
                <th scope="col" className="py-2 pr-3">{t("rules.requester")}</th>
                <th scope="col" className="py-2 pr-3">{t("rules.purpose")}</th>
                <th scope="col" className="py-2 pr-3">{t("rules.status")}</th>
                <th scope="col" className="py-2 pr-3">{t("rules.grantedBy")}</th>
                <th scope="col" className="py-2 pr-3">{t("accessLog.proof")}</th>
                <th scope="col" className="py-2">{t("inbox.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.grantId} data-grant={r.grantId} data-check={r.check} data-status={r.status} className="border-b border-line align-top">
                  <th scope="row" className="py-2 pr-3 font-mono font-normal">{r.check}</th>
                  <td className="py-2 pr-3">{tAll.has(`departments.${r.requester}`) ? tAll(`departments.${r.requester}`) : r.requester}</td>
                  <td className="py-2 pr-3">{t.has(`accessLog.purposes.${r.purpose}`) ? t(`accessLog.purposes.${r.purpose}`) : r.purpose}</td>
                  <td className="py-2 pr-3">
                    {t.has(`statuses.${r.status}`) ? t(`statuses.${r.status}`) : r.status}
                    <span className="block text-xs">{t("rules.validFrom")}: {formatTime(r.validFrom)}</span>
                  </td>
                  <td className="py-2 pr-3">{names.get(r.grantedBy)?.name ?? r.grantedBy}</td>
                  <td className="py-2 pr-3">
                    <a className="link font-mono" href={`/api/ledger/entries/${r.seq}`}>{t("common.seq", { seq: r.seq })}</a>
                  </td>
                  <td className="py-2">
                    {r.status === "active" ? (
                      <ActionForm action={revokeStandingRule} hidden={{ grantId: r.grantId }} label={t("rules.revoke")} confirm={t("rules.revokeConfirm")} variant="secondary">
                        <div>
                          <label htmlFor={`rv-${r.grantId}`} className="block font-semibold">{t("common.reasonCode")}</label>
                          <input id={`rv-${r.grantId}`} name="reasonCode" required pattern="[a-z][a-z0-9_]{1,63}" defaultValue="no_longer_needed" className="field-input" />
                        </div>
                      </ActionForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager path="/department/standing-rules" params={params} page={page} pageSize={PAGE_SIZE} total={rules.length} />
        </div>
      )}
    </Desk>
  );
}
