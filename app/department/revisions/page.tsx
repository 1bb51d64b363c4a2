import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { PROPERTY_USES } from "@/drizzle/schema/property";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { getPropertyForRevision, REVISABLE_FIELDS, REVISION_REASONS } from "@/lib/dal/properties/revise-property";
import { getDb } from "@/lib/db";
import { revisePropertyRecord } from "./actions";

export default async function RevisionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("record.revise", "/department/revisions");
  const t = await getTranslations("adminRevisions");
  const tAll = await getTranslations();
  const locale = await getLocale();
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  const params = await searchParams;
  const unit = typeof params.unit === "string" ? params.unit.trim().toUpperCase() : "";
  // The property register is the registry's: other departments' admins see why there is nothing here.
  if (actor.department !== "registry") {
    return (
      <Desk actor={actor} desk="department" current="/department/revisions" title={t("title")}>
        <p className="max-w-prose bg-panel p-3">{t("notRegistry")}</p>
      </Desk>
    );
  }
  const found = unit ? await getPropertyForRevision(await getDb(), { actor, unitNumber: unit }) : null;
  const show = (field: string, value: string | number | null) => (value === null ? "—" : field === "use" ? tAll(`adminRevisions.uses.${value}`) : String(value));
  return (
    <Desk actor={actor} desk="department" current="/department/revisions" title={t("title")}>
      <p className="mb-6 max-w-prose text-muted">{t("lead")}</p>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="unit" className="mb-1 block font-semibold">{t("unitNumber")}</label>
          <input id="unit" name="unit" defaultValue={unit} required pattern="[0-9]{12}[A-Za-z]{2}[0-9]{5}[FLQWflqw][0-9]{8}" maxLength={28} className="field-input w-80 font-mono" />
        </div>
        <button type="submit" className="btn btn-secondary">{t("find")}</button>
      </form>
      {unit && !found ? (
        <p role="alert" className="font-semibold text-danger">{t("notFound", { unit })}</p>
      ) : null}
      {found ? (
        <>
          <section aria-labelledby="record-h" className="mb-6" data-testid="record" data-unit={found.record.unitNumber}>
            <h2 id="record-h" className="mb-2 text-xl font-semibold">{t("record", { unit: found.record.unitNumber })}</h2>
            <dl className="grid grid-cols-[10rem_1fr] gap-1">
              <dt className="font-semibold">{t("address")}</dt>
              <dd>{found.record.address}</dd>
              {REVISABLE_FIELDS.map((f) => (
                <div key={f} className="contents">
                  <dt className="font-semibold">{t(`fields.${f}`)}</dt>
                  <dd data-field={f}>{show(f, found.record[f])}</dd>
                </div>
              ))}
              <dt className="font-semibold">{t("credential")}</dt>
              <dd data-testid="credential" data-credential={found.credentialId ?? ""}>
                {found.credentialId ? (
                  <a className="link font-mono" href={`/verify/${encodeURIComponent(found.credentialId)}`}>
                    {found.credentialId}
                  </a>
                ) : (
                  t("noCredential")
                )}
              </dd>
            </dl>
            <p className="mt-2 max-w-prose text-sm text-muted">{t("credentialHint")}</p>
          </section>
          <section aria-labelledby="revise-h" className="mb-6 border-t-4 border-brand bg-panel p-4">
            <h2 id="revise-h" className="mb-2 text-xl font-semibold">{t("correct")}</h2>
            <ActionForm action={revisePropertyRecord} hidden={{ unitNumber: found.record.unitNumber }} label={t("submit")} confirm={t("confirm")} doneMessage={t("done")}>
              <div className="flex flex-wrap gap-4">
                <div>
                  <label htmlFor="rev-field" className="mb-1 block font-semibold">{t("field")}</label>
                  <select id="rev-field" name="field" className="field-input" required>
                    {REVISABLE_FIELDS.map((f) => (
                      <option key={f} value={f}>{t(`fields.${f}`)}</option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="rev-value" className="mb-1 block font-semibold">{t("value")}</label>
                  <input id="rev-value" name="value" required maxLength={20} className="field-input" aria-describedby="rev-value-hint" />
                  <p id="rev-value-hint" className="text-sm text-muted">{t("valueHint", { uses: PROPERTY_USES.join(", ") })}</p>
                </div>
                <div>
                  <label htmlFor="rev-reason" className="mb-1 block font-semibold">{t("reason")}</label>
                  <select id="rev-reason" name="reason" className="field-input" required>
                    {REVISION_REASONS.map((r) => (
                      <option key={r} value={r}>{t(`reasons.${r}`)}</option>
                    ))}
                  </select>
                </div>
              </div>
            </ActionForm>
          </section>
          <section aria-labelledby="revisions-h">
            <h2 id="revisions-h" className="mb-2 text-xl font-semibold">{t("history")}</h2>
            <DataTable
              id="revisions"
              dense
              captionHidden
              caption={t("history")}
              rows={found.revisions}
              rowKey={(r) => String(r.seq)}
              rowAttributes={(r) => ({ "data-seq": r.seq, "data-field": r.field })}
              columns={[
                { header: t("when"), rowHeader: true, nowrap: true, cell: (r) => date.format(new Date(r.time)) },
                { header: t("field"), nowrap: true, cell: (r) => t(`fields.${r.field}`) },
                { header: t("change"), cell: (r) => `${show(r.field, r.before)} → ${show(r.field, r.after)}` },
                { header: t("reason"), cell: (r) => (t.has(`reasons.${r.reason}`) ? t(`reasons.${r.reason}`) : r.reason) },
                { header: t("entry"), nowrap: true, cell: (r) => <a className="link" href={`/api/ledger/entries/${r.seq}`}>#{r.seq}</a> },
              ]}
              empty={{ message: t("noRevisions") }}
            />
          </section>
        </>
      ) : null}
    </Desk>
  );
}
