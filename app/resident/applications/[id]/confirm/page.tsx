import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { notFoundRecorded } from "@/lib/dal/security/not-found-page";
import { getProgress } from "@/lib/dal/registration/get-progress";
import { listMyApplications } from "@/lib/dal/registration/list-my-applications";
import { getDb } from "@/lib/db";
import { confirmAsParty } from "../../actions";

export default async function ConfirmApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("application.confirm", `/resident/applications/${id}/confirm`);
  const t = await getTranslations("flow");
  const db = await getDb();
  const progress = await getProgress(db, { actor, applicationId: id }).catch(notFoundRecorded(db, actor));
  const mine = (await listMyApplications(db, { actor })).find((a) => a.applicationId === id);
  return (
    <Desk actor={actor} desk="resident" current="/resident/applications" title={t("confirmPage.title")}>
      <p className="mb-4 max-w-prose text-lg">{t("confirmPage.lead")}</p>
      <dl className="mb-6 grid grid-cols-[10rem_1fr] gap-2">
        <dt className="font-semibold">{t("steps.kind")}</dt>
        <dd>{progress.kind ? t(`kinds.${progress.kind}`) : ""}</dd>
        <dt className="font-semibold">{t("steps.unit")}</dt>
        <dd className="font-mono">{progress.unitNumber}</dd>
        <dt className="font-semibold">{t("steps.documents")}</dt>
        <dd>{progress.documents.map((d) => t(`documentKinds.${d.kind}`)).join("、") || t("common.none")}</dd>
        <dt className="font-semibold">{t("mine.status")}</dt>
        <dd>{t(`statuses.${progress.status}`)}</dd>
      </dl>
      {mine?.awaitingMyConfirmation ? (
        <ActionForm action={confirmAsParty} hidden={{ applicationId: id }} label={t("confirmPage.confirm")} confirm={t("confirmPage.confirmQuestion")} />
      ) : (
        <p className="bg-panel p-3">
          {t("confirmPage.notNeeded")}{" "}
          <Link className="link" href={`/resident/applications/${id}`}>{t("mine.open")}</Link>
        </p>
      )}
    </Desk>
  );
}
