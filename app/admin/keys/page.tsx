import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { DEPARTMENT_CODES } from "@/drizzle/schema/identity";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listKeysForAdmin } from "@/lib/dal/admin/list-ledger-keys";
import { ROTATION_REASONS } from "@/lib/dal/admin/rotate-department-key";
import { getDb } from "@/lib/db";
import { rotateKey } from "./actions";

export default async function AdminKeysPage() {
  const actor = await requireActor("keys.rotate", "/admin/keys");
  const t = await getTranslations("adminKeys");
  const tDept = await getTranslations("departments");
  const locale = await getLocale();
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  const keys = await listKeysForAdmin(await getDb(), { actor });
  return (
    <Desk actor={actor} desk="admin" current="/admin/keys" title={t("title")}>
      <p className="mb-6 max-w-prose text-muted">{t("lead")}</p>
      <section className="mb-8 border-t-4 border-brand bg-panel p-4" aria-labelledby="rotate-h">
        <h2 id="rotate-h" className="mb-2 text-xl font-semibold">{t("rotate.title")}</h2>
        <p className="mb-3 max-w-prose text-sm text-muted">{t("rotate.lead")}</p>
        <ActionForm action={rotateKey} label={t("rotate.submit")} confirm={t("rotate.confirm")} variant="danger" doneMessage={t("rotate.done")}>
          <div className="flex flex-wrap gap-4">
            <label className="block">
              <span className="mb-1 block font-semibold">{t("rotate.department")}</span>
              <select name="department" className="field-input" required defaultValue="">
                <option value="" disabled>
                  {t("rotate.choose")}
                </option>
                {DEPARTMENT_CODES.map((d) => (
                  <option key={d} value={d}>
                    {tDept(d)} ({d})
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className="mb-1 block font-semibold">{t("rotate.reason")}</span>
              <select name="reason" className="field-input" required defaultValue="scheduled">
                {ROTATION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`reasons.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </ActionForm>
      </section>
      <DataTable
        id="keys"
        dense
        caption={t("caption")}
        rows={keys}
        rowKey={(k) => k.name}
        rowAttributes={(k) => ({ "data-key": k.name, "data-department": k.department, "data-role": k.role, "data-status": k.status })}
        columns={[
          { header: t("name"), rowHeader: true, nowrap: true, className: "font-mono", cell: (k) => k.name },
          { header: t("role"), nowrap: true, cell: (k) => t(`roles.${k.role}`) },
          { header: t("department"), nowrap: true, cell: (k) => tDept(k.department) },
          { header: t("validFrom"), nowrap: true, cell: (k) => <time dateTime={k.validFrom}>{date.format(new Date(k.validFrom))}</time> },
          { header: t("validUntil"), nowrap: true, cell: (k) => (k.validUntil ? <time dateTime={k.validUntil}>{date.format(new Date(k.validUntil))}</time> : t("open")) },
          { header: t("status"), nowrap: true, cell: (k) => <span className={k.status === "active" ? "font-semibold text-ok" : "text-muted"}>{t(`statuses.${k.status}`)}</span> },
          {
            header: t("entries"),
            nowrap: true,
            cell: (k) => (
              <>
                {k.activatedBySeq !== null ? (
                  <a className="link mr-2" href={`/api/ledger/entries/${k.activatedBySeq}`}>
                    {t("activatedBy", { seq: k.activatedBySeq })}
                  </a>
                ) : null}
                {k.retiredBySeq !== null ? (
                  <a className="link" href={`/api/ledger/entries/${k.retiredBySeq}`}>
                    {t("retiredBy", { seq: k.retiredBySeq })}
                  </a>
                ) : null}
              </>
            ),
          },
        ]}
        empty={{ message: t("empty") }}
      />
    </Desk>
  );
}
