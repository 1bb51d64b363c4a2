import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { Timeline } from "@/app/components/flow/timeline";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { FlowError } from "@/lib/dal/registration/errors";
import { getCaseTimeline } from "@/lib/dal/registration/get-case-timeline";
import { getDb } from "@/lib/db";
import { overrideCase } from "../../../actions";

export default async function OverridePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("application.override", `/clerk/cases/${id}/override`);
  const t = await getTranslations("flow");
  const timeline = await getCaseTimeline(await getDb(), { actor, applicationId: id }).catch((error: unknown) => {
    if (error instanceof FlowError && error.status === 404) notFound();
    throw error;
  });
  return (
    <Desk actor={actor} desk="admin" current="/admin" title={t("override.title", { id: id.slice(0, 12) })}>
      <p className="mb-2 font-mono text-sm">{id}</p>
      <p className="mb-4">
        {timeline.kind ? t(`kinds.${timeline.kind}`) : ""} · <strong data-testid="status">{t(`statuses.${timeline.status}`)}</strong>
      </p>
      <p className="mb-6 max-w-prose">{t("override.lead")}</p>
      {timeline.mayOverride && timeline.overridable.length > 0 ? (
        <ActionForm action={overrideCase} hidden={{ applicationId: id }} label={t("override.submit")} confirm={t("override.confirmText")} className="mb-8 space-y-3">
          <div>
            <label htmlFor="ov-check" className="mb-1 block font-semibold">{t("override.check")}</label>
            <select id="ov-check" name="checkId" className="field-input">
              {timeline.overridable.map((c) => (
                <option key={c.checkId} value={c.checkId}>
                  {c.checkId} — {t(`case.outcomes.${c.outcome}`)}
                  {c.reasonCode ? ` (${c.reasonCode})` : ""}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="ov-code" className="mb-1 block font-semibold">{t("common.reasonCode")}</label>
            <p id="ov-code-hint" className="mb-1 text-sm text-muted">{t("common.reasonCodeHint")}</p>
            <input id="ov-code" name="reasonCode" required pattern="[a-z][a-z0-9_]{1,63}" aria-describedby="ov-code-hint" className="field-input" />
          </div>
          <div>
            <label htmlFor="ov-note" className="mb-1 block font-semibold">{t("override.note")}</label>
            <textarea id="ov-note" name="note" required minLength={10} maxLength={4000} rows={4} className="field-input w-full" />
          </div>
        </ActionForm>
      ) : (
        <p className="mb-8 bg-panel p-3">{t("override.nothing")}</p>
      )}
      <Timeline steps={timeline.steps} next={timeline.next} />
      <p>
        <Link className="link" href="/admin">{t("common.cancel")}</Link>
      </p>
    </Desk>
  );
}
