import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { KIND_PARTIES } from "@/contracts";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { FieldForm, type FieldSpec } from "@/app/components/flow/field-form";
import { DOCUMENT_KINDS } from "@/contracts";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { notFoundRecorded } from "@/lib/dal/security/not-found-page";
import { getDraft } from "@/lib/dal/registration/get-draft";
import { getDb } from "@/lib/db";
import { savePartiesStep, saveUnitStep, submitStep, uploadDocumentStep } from "../../actions";
import { StepIndicator, type Step } from "../../steps";

export default async function EditApplicationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ step?: string }> }) {
  const { id } = await params;
  const actor = await requireActor("application.file", `/resident/applications/${id}/edit`);
  const t = await getTranslations("flow");
  const db = await getDb();
  const draft = await getDraft(db, { actor, applicationId: id }).catch(notFoundRecorded(db, actor));
  if (draft.status !== "draft") redirect(`/resident/applications/${id}`);
  const stepParam = (await searchParams).step;
  const step: Exclude<Step, "kind"> = stepParam === "unit" || stepParam === "documents" || stepParam === "review" ? stepParam : "parties";
  const roles = Object.keys(KIND_PARTIES[draft.kind]) as (keyof (typeof KIND_PARTIES)["transfer"] | "applicant" | "mortgagee" | "court")[];
  const partyFields: FieldSpec[] = roles.map((role, i) => {
    const typed = draft.parties.filter((p) => p.role === role)[0];
    const organisation = role === "mortgagee" || role === "court";
    return {
      name: `party-${i}`,
      label: organisation ? t("wizard.organisation", { role: t(`roles.${role}`) }) : t("wizard.partyId", { role: t(`roles.${role}`) }),
      hint: organisation ? undefined : t("wizard.partyIdHint"),
      defaultValue: typed && "residentId" in typed ? typed.residentId : organisation ? role : "",
      required: !organisation,
      hidden: { partyRole: role },
    };
  });
  return (
    <Desk actor={actor} desk="resident" current="/resident/applications" title={t("wizard.editTitle", { id })}>
      <StepIndicator current={step} applicationId={id} />
      <p className="mb-4">
        {t(`kinds.${draft.kind}`)} · <span className="font-mono">{draft.unitNumber}</span>
      </p>
      {step === "unit" ? (
        <FieldForm
          action={saveUnitStep}
          hidden={{ applicationId: id, kind: draft.kind }}
          label={t("wizard.continue")}
          fields={[{ name: "unitNumber", label: t("wizard.unit"), hint: t("wizard.unitHint"), defaultValue: draft.unitNumber, required: true }]}
        />
      ) : null}
      {step === "parties" ? (
        <>
          <p className="mb-4 max-w-prose">{t("wizard.partiesLead")}</p>
          <FieldForm action={savePartiesStep} hidden={{ applicationId: id }} label={t("wizard.continue")} fields={partyFields} />
        </>
      ) : null}
      {step === "documents" ? (
        <>
          <p className="mb-4 max-w-prose">{t("wizard.documentsLead")}</p>
          <DocumentList documents={draft.documents} />
          <FieldForm
            action={uploadDocumentStep}
            hidden={{ applicationId: id }}
            label={t("wizard.upload")}
            pendingLabel={t("wizard.uploading")}
            fields={[
              { name: "kind", label: t("wizard.documentKind"), options: DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documentKinds.${k}`) })) },
              { name: "file", label: t("wizard.file"), type: "file", accept: "application/pdf,image/png,image/jpeg", required: true },
            ]}
          />
          <Link href={`/resident/applications/${id}/edit?step=review`} className="btn btn-primary mt-4 inline-block">
            {t("wizard.continue")}
          </Link>
        </>
      ) : null}
      {step === "review" ? (
        <>
          <p className="mb-4 max-w-prose">{t("wizard.reviewLead")}</p>
          <dl className="mb-6 grid grid-cols-[12rem_1fr] gap-2">
            <dt className="font-semibold">{t("steps.kind")}</dt>
            <dd>{t(`kinds.${draft.kind}`)}</dd>
            <dt className="font-semibold">{t("steps.unit")}</dt>
            <dd className="font-mono">
              {draft.unitNumber}{" "}
              <Link className="link font-sans" href={`/resident/applications/${id}/edit?step=unit`}>{t("wizard.edit")}</Link>
            </dd>
            <dt className="font-semibold">{t("steps.parties")}</dt>
            <dd>
              <ul>
                {draft.parties.map((p, i) => (
                  <li key={i}>
                    {t(`roles.${p.role}`)}: <span className="font-mono">{"residentId" in p ? p.residentId : p.organisation}</span>
                  </li>
                ))}
              </ul>
              <Link className="link" href={`/resident/applications/${id}/edit?step=parties`}>{t("wizard.edit")}</Link>
            </dd>
          </dl>
          <DocumentList documents={draft.documents} />
          <ActionForm action={submitStep} hidden={{ applicationId: id }} label={t("wizard.submit")} confirm={t("wizard.submitConfirm")} />
        </>
      ) : null}
    </Desk>
  );
}

async function DocumentList({ documents }: { documents: { documentId: string; kind: string; mediaType: string; size: number; sha256: string }[] }) {
  const t = await getTranslations("flow");
  return (
    <section aria-labelledby="docs-h" className="mb-6">
      <h2 id="docs-h" className="mb-2 text-xl font-semibold">{t("wizard.uploaded")}</h2>
      {documents.length === 0 ? (
        <p className="bg-panel p-3">{t("wizard.noDocuments")}</p>
      ) : (
        <ul className="list-disc pl-5" data-testid="documents">
          {documents.map((d) => (
            <li key={d.documentId}>
              {t(`documentKinds.${d.kind}`)} · {d.mediaType} · {Math.ceil(d.size / 1024)} KB · <span className="font-mono text-sm">{d.sha256.slice(0, 16)}…</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
