import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DOCUMENT_KINDS } from "@/contracts";
import { DataTable } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { getFormatters } from "@/lib/i18n/format-server";
import { Timeline } from "@/app/components/flow/timeline";
import { can, ForbiddenError } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { FlowError } from "@/lib/dal/registration/errors";
import { getCaseTimeline } from "@/lib/dal/registration/get-case-timeline";
import { openCase, type CaseView } from "@/lib/dal/registration/open-case";
import { staffNames } from "@/lib/dal/registration/staff-names";
import { getDb } from "@/lib/db";
import { approveCase, claimCase, dispatchCase, rejectCase, releaseCase, requestMaterialCase } from "../../actions";

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("application.view", `/clerk/cases/${id}`);
  const t = await getTranslations("flow");
  const tAll = await getTranslations();
  const fmt = await getFormatters();
  const db = await getDb();
  const notFoundOr403 = (error: unknown): never => {
    if (error instanceof FlowError && error.status === 404) notFound();
    // Clerks of other departments do not work registration cases at all.
    if ((error instanceof FlowError && error.code === "FORBIDDEN") || error instanceof ForbiddenError) forbidden();
    throw error;
  };
  const before = await getCaseTimeline(db, { actor, applicationId: id }).catch(notFoundOr403);
  // A decided case needs nobody's personal data (and no grant covers closed cases): show its
  // outcome and timeline only, so looking back at it reads and records nothing.
  if (["approved", "rejected", "withdrawn"].includes(before.status)) {
    return (
      <Desk actor={actor} desk="clerk" current="/clerk" title={t("case.title", { id: id.slice(0, 12) })}>
        <p className="mb-1 font-mono text-sm">{id}</p>
        <p className="mb-4 text-lg">
          {before.kind ? t(`kinds.${before.kind}`) : ""} · <strong data-testid="status">{t(`statuses.${before.status}`)}</strong>
          {before.ruleVersion !== null ? (
            <>
              {" · "}
              <span data-testid="rule-version" data-version={before.ruleVersion}>{tAll("adminRules.ruleVersion", { version: before.ruleVersion })}</span>
            </>
          ) : null}
        </p>
        <p className="mb-6 bg-panel p-3">{t("case.closed")}</p>
        <Timeline steps={before.steps} next={before.next} />
      </Desk>
    );
  }
  // Opening the case reads the parties' personal data: the use-case records it (or the refusal).
  let view: CaseView | null = null;
  let refusal: string | null = null;
  try {
    view = await openCase(db, { actor, applicationId: id });
  } catch (error) {
    if (error instanceof FlowError && error.status === 403 && error.code !== "FORBIDDEN") refusal = error.code;
    else notFoundOr403(error);
  }
  const timeline = view ? await getCaseTimeline(db, { actor, applicationId: id }) : before;
  if (!view) {
    return (
      <Desk actor={actor} desk="clerk" current="/clerk" title={t("case.title", { id: id.slice(0, 12) })}>
        <p role="alert" className="mb-6 border-l-4 border-danger bg-panel p-4 font-semibold" data-code={refusal}>
          {t("case.noGrant")}
        </p>
        <Timeline steps={timeline.steps} next={timeline.next} />
      </Desk>
    );
  }
  const names = await staffNames(db, { actor, ids: view.checks.flatMap((c) => (c.authorisation?.authorisedBy ? [c.authorisation.authorisedBy] : [])) });
  const since = new Map(timeline.steps.filter((s) => s.kind === "check").map((s) => [s.key.replace(/^check:/, "").replace(/#\d+$/, ""), s.since]));
  const has = (a: string) => view.actions.includes(a);
  const mine = view.assignee === actor.userId;
  const failed = view.checks.filter((c) => c.outcome === "no" || c.outcome === "blocked");
  const closed = view.actions.length === 0;
  return (
    <Desk actor={actor} desk="clerk" current="/clerk" title={t("case.title", { id: id.slice(0, 12) })}>
      <p className="mb-1 font-mono text-sm">{id}</p>
      <p className="mb-2 text-lg">
        {t(`kinds.${view.kind}`)} · <span className="font-mono">{view.unitNumber}</span> · <strong data-testid="status">{t(`statuses.${view.status}`)}</strong>
        {view.ruleVersion !== null ? (
          <>
            {" · "}
            <span data-testid="rule-version" data-version={view.ruleVersion}>{tAll("adminRules.ruleVersion", { version: view.ruleVersion })}</span>
          </>
        ) : null}
      </p>
      <p className="mb-6 text-sm text-muted" data-testid="access-seqs">{t("case.accessRecorded", { seqs: view.accessSeqs.join(", ") })}</p>

      <section aria-labelledby="parties-h" className="mb-8">
        <h2 id="parties-h" className="mb-2 text-2xl font-semibold">{t("case.parties")}</h2>
        <DataTable
          id="parties"
          dense
          captionHidden
          caption={t("case.parties")}
          rows={view.parties}
          rowKey={(p) => p.partyKey}
          columns={[
            { header: t("progress.holder"), rowHeader: true, nowrap: true, cell: (p) => t(`roles.${p.role}`) },
            { header: t("case.name"), cell: (p) => p.name ?? p.organisation ?? t("common.none") },
            { header: t("case.residentId"), nowrap: true, className: "font-mono", cell: (p) => p.residentIdMasked ?? t("common.none") },
            { header: t("case.confirmed"), nowrap: true, cell: (p) => (p.confirmed ? t("case.confirmed") : t("case.notConfirmed")) },
          ]}
          empty={{ message: t("common.none") }}
        />
      </section>

      <section aria-labelledby="cdocs-h" className="mb-8">
        <h2 id="cdocs-h" className="mb-2 text-2xl font-semibold">{t("case.documents")}</h2>
        {view.documents.length === 0 ? (
          <p className="bg-panel p-3">{t("wizard.noDocuments")}</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="documents">
            {view.documents.map((d) => (
              <li key={d.documentId}>
                {t(`documentKinds.${d.kind}`)} · {d.mediaType} · {Math.ceil(d.size / 1024)} KB · <span className="font-mono text-xs">{d.sha256}</span> ·{" "}
                <a className="link" href={`/api/documents/${d.documentId}`} download>
                  {t("progress.download", { kind: t(`documentKinds.${d.kind}`) })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="checks-h" className="mb-8">
        <h2 id="checks-h" className="mb-2 text-2xl font-semibold">{t("case.checks")}</h2>
        <DataTable
          id="checks"
          dense
          captionHidden
          testId="check-board"
          caption={t("case.checks")}
          rows={view.checks}
          rowKey={(c) => c.checkId}
          rowAttributes={(c) => ({ "data-check": c.checkId, "data-outcome": c.outcome, className: c.outcome === "no" || c.outcome === "blocked" ? "bg-panel" : "" })}
          columns={[
            { header: t("case.check"), rowHeader: true, nowrap: true, className: "font-mono", cell: (c) => c.checkId },
            { header: t("case.department"), nowrap: true, cell: (c) => (tAll.has(`departments.${c.department}`) ? tAll(`departments.${c.department}`) : c.department) },
            { header: t("case.requested"), nowrap: true, cell: (c) => (c.requestId ? fmt.dateTime(since.get(c.checkId)) : t("case.notRequested")) },
            {
              header: t("case.authorisedBy"),
              cell: (c) => {
                const by = c.authorisation?.authorisedBy ? names.get(c.authorisation.authorisedBy) : undefined;
                return c.authorisation
                  ? `${by ? by.name : (c.authorisation.authorisedBy ?? "")} · ${t.has(`accessLog.via.${c.authorisation.via}`) ? t(`accessLog.via.${c.authorisation.via}`) : c.authorisation.via}`
                  : c.requestId
                    ? t("case.awaiting")
                    : t("common.none");
              },
            },
            {
              header: t("case.answer"),
              cell: (c) => (
                <span className={c.outcome === "no" || c.outcome === "blocked" ? "font-semibold text-danger" : ""}>
                  {t.has(`case.outcomes.${c.outcome}`) ? t(`case.outcomes.${c.outcome}`) : c.outcome}
                  {c.reasonCode ? ` · ${c.reasonCode}` : ""}
                </span>
              ),
            },
          ]}
          empty={{ message: t("case.notRequested") }}
        />
      </section>

      <section aria-labelledby="actions-h" className="mb-8 space-y-6">
        <h2 id="actions-h" className="text-2xl font-semibold">{t("case.actionsTitle")}</h2>
        {closed ? <p className="bg-panel p-3">{t("case.closed")}</p> : null}
        {view.assignee === null && has("claim") ? <ActionForm action={claimCase} hidden={{ applicationId: id }} label={t("queue.claim")} /> : null}
        {mine && has("release") ? <ActionForm action={releaseCase} hidden={{ applicationId: id }} label={t("queue.release")} variant="secondary" /> : null}
        {mine && has("dispatchChecks") ? <ActionForm action={dispatchCase} hidden={{ applicationId: id }} label={t("case.dispatch")} confirm={t("case.dispatchConfirm")} /> : null}
        {mine && has("approve") ? <ActionForm action={approveCase} hidden={{ applicationId: id }} label={t("case.approve")} confirm={t("case.approveConfirm")} /> : null}
        {mine && has("requestMaterial") ? (
          <details className="border-l-4 border-line pl-3">
            <summary className="cursor-pointer font-semibold">{t("case.requestMaterial")} …</summary>
            <ActionForm action={requestMaterialCase} hidden={{ applicationId: id }} label={t("case.requestMaterial")} className="mt-3 space-y-3">
              <ReasonFields prefix="rm" noteLabel={t("case.materialNote")} defaultCode="material_missing" />
              <fieldset>
                <legend className="mb-1 font-semibold">{t("case.materialKinds")}</legend>
                {DOCUMENT_KINDS.map((k) => (
                  <div key={k} className="flex items-center gap-2">
                    <input type="checkbox" id={`rm-kind-${k}`} name="documentKinds" value={k} className="h-5 w-5" />
                    <label htmlFor={`rm-kind-${k}`}>{t(`documentKinds.${k}`)}</label>
                  </div>
                ))}
              </fieldset>
            </ActionForm>
          </details>
        ) : null}
        {mine && has("reject") ? (
          <details className="border-l-4 border-danger pl-3" open={failed.length > 0}>
            <summary className="cursor-pointer font-semibold">{t("case.reject")} …</summary>
            <ActionForm action={rejectCase} hidden={{ applicationId: id }} label={t("case.reject")} confirm={t("case.rejectConfirm")} variant="danger" className="mt-3 space-y-3">
              <ReasonFields prefix="rj" noteLabel={t("case.rejectNote")} defaultCode={failed[0]?.reasonCode ?? ""} required />
              {failed.length > 0 ? (
                <fieldset>
                  <legend className="mb-1 font-semibold">{t("case.cites")}</legend>
                  {failed.map((c) => (
                    <div key={c.checkId} className="flex items-center gap-2">
                      <input type="checkbox" id={`rj-cite-${c.checkId}`} name="citesCheckIds" value={c.checkId} defaultChecked className="h-5 w-5" />
                      <label htmlFor={`rj-cite-${c.checkId}`} className="font-mono text-sm">
                        {c.checkId} ({c.reasonCode ?? c.outcome})
                      </label>
                    </div>
                  ))}
                </fieldset>
              ) : null}
            </ActionForm>
          </details>
        ) : null}
        {can(actor, "application.override") && has("override") ? (
          <Link className="link" href={`/clerk/cases/${id}/override`}>{t("case.override")}</Link>
        ) : null}
      </section>
      <Timeline steps={timeline.steps} next={timeline.next} />
    </Desk>
  );
}

async function ReasonFields({ prefix, noteLabel, defaultCode, required }: { prefix: string; noteLabel: string; defaultCode: string; required?: boolean }) {
  const t = await getTranslations("flow.common");
  return (
    <>
      <div>
        <label htmlFor={`${prefix}-code`} className="mb-1 block font-semibold">{t("reasonCode")}</label>
        <p id={`${prefix}-code-hint`} className="mb-1 text-sm text-muted">{t("reasonCodeHint")}</p>
        <input id={`${prefix}-code`} name="reasonCode" defaultValue={defaultCode} required pattern="[a-z][a-z0-9_]{1,63}" aria-describedby={`${prefix}-code-hint`} className="field-input" />
      </div>
      <div>
        <label htmlFor={`${prefix}-note`} className="mb-1 block font-semibold">{noteLabel}</label>
        <textarea id={`${prefix}-note`} name="note" required={required ?? true} maxLength={2000} rows={3} className="field-input w-full" />
      </div>
    </>
  );
}
