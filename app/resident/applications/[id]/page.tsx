import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DOCUMENT_KINDS } from "@/contracts";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { FieldForm } from "@/app/components/flow/field-form";
import { Timeline } from "@/app/components/flow/timeline";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { notFoundRecorded } from "@/lib/dal/security/not-found-page";
import { getProgress } from "@/lib/dal/registration/get-progress";
import { getUnitHolders } from "@/lib/dal/registration/get-unit-holders";
import { listMyApplications } from "@/lib/dal/registration/list-my-applications";
import { getDb } from "@/lib/db";
import { handInMaterial, uploadDocumentStep, withdrawMine } from "../actions";

export default async function ApplicationProgressPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("application.view_own", `/resident/applications/${id}`);
  const t = await getTranslations("flow");
  const tRules = await getTranslations("adminRules");
  const db = await getDb();
  const progress = await getProgress(db, { actor, applicationId: id }).catch(notFoundRecorded(db, actor));
  const mine = (await listMyApplications(db, { actor })).find((a) => a.applicationId === id);
  const closed = ["approved", "rejected", "withdrawn"].includes(progress.status);
  const holders = progress.status === "approved" ? await getUnitHolders(db, { actor, applicationId: id }) : null;
  return (
    <Desk actor={actor} desk="resident" current="/resident/applications" title={t("progress.title")}>
      <p className="mb-2 font-mono text-sm">{id}</p>
      <p className="mb-6 text-lg">
        {progress.kind ? t(`kinds.${progress.kind}`) : ""} · <span className="font-mono">{progress.unitNumber}</span> ·{" "}
        <strong data-testid="status">{t(`statuses.${progress.status}`)}</strong>
        {progress.ruleVersion !== null ? (
          <>
            {" · "}
            <span data-testid="rule-version" data-version={progress.ruleVersion}>{tRules("ruleVersion", { version: progress.ruleVersion })}</span>
          </>
        ) : null}
      </p>
      {progress.status === "draft" && mine?.relation === "filer" ? (
        <p className="mb-6">
          <Link className="btn btn-primary" href={`/resident/applications/${id}/edit`}>{t("mine.continueDraft")}</Link>
        </p>
      ) : null}
      {mine?.awaitingMyConfirmation ? (
        <p className="mb-6 border-l-4 border-brand bg-panel p-3">
          <Link className="link font-semibold" href={`/resident/applications/${id}/confirm`}>{t("progress.confirmLink")}</Link>
        </p>
      ) : null}
      {progress.decision ? (
        <section aria-labelledby="decision-h" className={`mb-6 border-l-4 p-3 ${progress.decision.outcome === "approved" ? "border-ok" : "border-danger"} bg-panel`} data-testid="decision">
          <h2 id="decision-h" className="text-xl font-semibold">
            {t("progress.decision")}: {t(`statuses.${progress.decision.outcome}`)}
          </h2>
          {progress.decision.reasonCode ? <p>{t("progress.decisionReason", { code: progress.decision.reasonCode })}</p> : null}
          {progress.decision.note ? <p className="mt-2">{progress.decision.note}</p> : null}
          {holders ? (
            <p className="mt-2" data-testid="holders">
              {t("progress.unitHolders")}:{" "}
              {holders.holders.map((h) => (h.isMe ? `${h.name ?? ""} (${t("progress.holderMe")})` : t("progress.holderOther"))).join("、")}
            </p>
          ) : null}
        </section>
      ) : null}
      {progress.status === "more_material_requested" && progress.materialRequest && mine?.relation === "filer" ? (
        <section aria-labelledby="material-h" className="mb-6 border-l-4 border-brand bg-panel p-3" data-testid="material-request">
          <h2 id="material-h" className="text-xl font-semibold">{t("progress.materialTitle")}</h2>
          <p>{t("progress.materialReason", { code: progress.materialRequest.reasonCode })}</p>
          {progress.materialRequest.note ? <p className="my-2 font-semibold">{progress.materialRequest.note}</p> : null}
          <p className="mb-3">{t("progress.materialKinds", { kinds: progress.materialRequest.documentKinds.map((k) => t(`documentKinds.${k}`)).join("、") })}</p>
          <FieldForm
            action={uploadDocumentStep}
            hidden={{ applicationId: id }}
            label={t("wizard.upload")}
            pendingLabel={t("wizard.uploading")}
            fields={[
              {
                name: "kind",
                label: t("wizard.documentKind"),
                defaultValue: progress.materialRequest.documentKinds[0],
                options: DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documentKinds.${k}`) })),
              },
              { name: "file", label: t("wizard.file"), type: "file", accept: "application/pdf,image/png,image/jpeg", required: true },
            ]}
          />
          <div className="mt-4">
            <ActionForm action={handInMaterial} hidden={{ applicationId: id }} label={t("progress.materialSubmit")} confirm={t("progress.materialConfirm")} />
          </div>
        </section>
      ) : null}
      <Timeline steps={progress.steps} next={progress.next} />
      <section aria-labelledby="pdocs-h" className="mb-6">
        <h2 id="pdocs-h" className="mb-2 text-xl font-semibold">{t("progress.documents")}</h2>
        {progress.documents.length === 0 ? (
          <p className="bg-panel p-3">{t("wizard.noDocuments")}</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="documents">
            {progress.documents.map((d) => (
              <li key={d.documentId}>
                {t(`documentKinds.${d.kind}`)} · {d.mediaType} · <span className="font-mono text-sm">{d.sha256.slice(0, 16)}…</span> ·{" "}
                <a className="link" href={`/api/documents/${d.documentId}`} download>
                  {t("progress.download", { kind: t(`documentKinds.${d.kind}`) })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {!closed && mine?.relation === "filer" && progress.status !== "draft" ? (
        <ActionForm action={withdrawMine} hidden={{ applicationId: id }} label={t("progress.withdraw")} confirm={t("progress.withdrawConfirm")} variant="secondary" />
      ) : null}
    </Desk>
  );
}
