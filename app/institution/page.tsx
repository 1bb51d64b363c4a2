import { getLocale, getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { formatYuan } from "@/contracts/shared/money";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listInstitutionFilings } from "@/lib/dal/properties/list-institution-filings";
import { getDb } from "@/lib/db";
import { fileMortgage, fileSeizure, liftSeizure, releaseMortgage } from "./actions";

function Field({
  label,
  name,
  type = "text",
  required = true,
  accept,
  hint,
  inputMode,
}: {
  label: string;
  name: string;
  type?: string;
  required?: boolean;
  accept?: string;
  hint?: string;
  inputMode?: "decimal";
}) {
  return (
    <label className="block">
      <span className="block font-semibold">{label}</span>
      {hint ? (
        <span id={`${name}-hint`} className="block text-sm text-muted">
          {hint}
        </span>
      ) : null}
      <input name={name} type={type} required={required} accept={accept} inputMode={inputMode} aria-describedby={hint ? `${name}-hint` : undefined} className="w-full border p-2" />
    </label>
  );
}

export default async function InstitutionPage() {
  const actor = await requireActor("credential.lookup", "/institution");
  const t = await getTranslations("institutionDesk");
  const title = await getTranslations("desk.institution");
  const flow = await getTranslations("flow");
  const locale = await getLocale();
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  const bank = can(actor, "mortgage.register") && actor.department === "bank";
  const court = can(actor, "seizure.file") && actor.department === "court";
  const filings = bank || court ? await listInstitutionFilings(await getDb(), { actor }) : [];
  const accept = "application/pdf,image/png,image/jpeg";
  return (
    <Desk actor={actor} desk="institution" current="/institution" title={title("title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>
      {bank ? (
        <section className="mb-8 border-t-4 border-brand bg-panel p-4" aria-labelledby="mortgage-h">
          <h2 id="mortgage-h" className="mb-2 text-xl font-semibold">{t("mortgage.title")}</h2>
          <p className="mb-2 text-sm">{t("mortgage.hint")}</p>
          <ActionForm action={fileMortgage} label={t("mortgage.submit")} doneMessage={t("filed")}>
            <Field label={t("unitNumber")} name="unitNumber" />
            <Field label={t("mortgage.owner")} name="ownerResidentId" />
            <Field label={t("mortgage.amount")} name="securedAmount" inputMode="decimal" hint={t("mortgage.amountHint")} />
            <Field label={t("mortgage.contract")} name="contract" type="file" accept={accept} />
            <Field label={t("mortgage.identity")} name="identity" type="file" accept={accept} />
          </ActionForm>
        </section>
      ) : null}
      {court ? (
        <section className="mb-8 border-t-4 border-brand bg-panel p-4" aria-labelledby="seizure-h">
          <h2 id="seizure-h" className="mb-2 text-xl font-semibold">{t("seizure.title")}</h2>
          <p className="mb-2 text-sm">{t("seizure.hint")}</p>
          <ActionForm action={fileSeizure} label={t("seizure.submit")} doneMessage={t("filed")}>
            <Field label={t("unitNumber")} name="unitNumber" />
            <Field label={t("caseNumber")} name="caseNumber" />
            <Field label={t("seizure.order")} name="order" type="file" accept={accept} />
          </ActionForm>
        </section>
      ) : null}
      {bank || court ? (
        <section aria-labelledby="filings-h">
          <h2 id="filings-h" className="mb-2 text-xl font-semibold">{t("filings")}</h2>
          {filings.length === 0 ? <p>{t("noFilings")}</p> : null}
          <ul className="space-y-4">
            {filings.map((f) => (
              <li key={f.applicationId} className="border-l-4 border-line pl-3" data-application={f.applicationId} data-status={f.status} data-kind={f.kind}>
                <p className="font-semibold">
                  {flow.has(`kinds.${f.kind}`) ? flow(`kinds.${f.kind}`) : f.kind} · <span className="font-mono">{f.unitNumber}</span>
                </p>
                <p className="text-sm">
                  <span className="font-mono">{f.applicationId}</span> · {t("status")}: <span data-testid="filing-status">{flow.has(`statuses.${f.status}`) ? flow(`statuses.${f.status}`) : f.status}</span> · {date.format(f.statusSince)}
                </p>
                {f.securedAmount !== null ? (
                  <p className="text-sm">
                    {t("mortgage.amountShown")}: <span data-testid="secured-amount">{formatYuan(f.securedAmount, locale)}</span>
                  </p>
                ) : null}
                {f.status === "awaiting_counterparty" ? <p className="text-sm">{t("awaitingOwner")}</p> : null}
                {f.status === "approved" && f.kind === "seizure" && court ? (
                  <details className="mt-2">
                    <summary className="link cursor-pointer">{t("seizure.lift")}</summary>
                    <ActionForm action={liftSeizure} hidden={{ releases: f.applicationId, unitNumber: f.unitNumber }} label={t("seizure.liftSubmit")} doneMessage={t("filed")}>
                      <Field label={t("caseNumber")} name="caseNumber" />
                      <Field label={t("seizure.order")} name="order" type="file" accept={accept} />
                    </ActionForm>
                  </details>
                ) : null}
                {f.status === "approved" && f.kind === "mortgage" && bank ? (
                  <details className="mt-2">
                    <summary className="link cursor-pointer">{t("mortgage.release")}</summary>
                    <ActionForm action={releaseMortgage} hidden={{ releases: f.applicationId, unitNumber: f.unitNumber }} label={t("mortgage.releaseSubmit")} doneMessage={t("filed")}>
                      <Field label={t("mortgage.owner")} name="ownerResidentId" />
                      <Field label={t("mortgage.certificate")} name="certificate" type="file" accept={accept} />
                    </ActionForm>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Desk>
  );
}
