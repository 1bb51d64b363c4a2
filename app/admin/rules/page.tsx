import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { diffRules } from "@/contracts/rules/rules";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { loadRuleDesk } from "@/lib/dal/admin/rule-desk";
import { getDb } from "@/lib/db";
import { approveRules, proposeRules, rejectRules } from "./actions";
import { RuleChanges } from "./rule-changes";
import { RuleEditor } from "./rule-editor";

export default async function AdminRulesPage() {
  const actor = await requireActor("rules.publish", "/admin/rules");
  const t = await getTranslations("adminRules");
  const locale = await getLocale();
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  const desk = await loadRuleDesk(await getDb(), { actor });
  const who = (id: string | null) => (id === null ? t("builtIn") : (desk.names[id] ?? id));
  const when = (at: string | null) => (at === null ? "" : date.format(new Date(at)));
  const pending = desk.pending;
  const nextVersion = Math.max(...desk.versions.map((v) => v.version)) + 1;
  return (
    <Desk actor={actor} desk="admin" current="/admin/rules" title={t("title")}>
      <p className="mb-2 max-w-prose text-muted">{t("lead")}</p>
      <p className="mb-6 font-semibold" data-testid="active-version" data-version={desk.active.version}>
        {t("activeVersion", { version: desk.active.version })} · {desk.requireApproval ? t("approvalOn") : t("approvalOff")}
      </p>

      {pending ? (
        <section aria-labelledby="pending-h" className="mb-8 border-t-4 border-focus bg-panel p-4" data-testid="pending-version" data-version={pending.version}>
          <h2 id="pending-h" className="mb-2 text-xl font-semibold">{t("pendingTitle", { version: pending.version })}</h2>
          <p className="mb-3">{t("pendingBy", { name: who(pending.proposedBy), at: when(pending.proposedAt), seq: pending.proposedSeq ?? 0 })}</p>
          <RuleChanges changes={diffRules(desk.active, pending.ruleSet)} against={desk.active.version} />
          <div className="mt-4 flex flex-wrap gap-6">
            {pending.proposedBy === actor.userId ? (
              <p className="max-w-prose text-sm text-muted">{t("ownProposal")}</p>
            ) : (
              <ActionForm action={approveRules} hidden={{ version: String(pending.version) }} label={t("approve", { version: pending.version })} confirm={t("approveConfirm", { version: pending.version })} doneMessage={t("approved")} />
            )}
            <ActionForm
              action={rejectRules}
              hidden={{ version: String(pending.version) }}
              label={pending.proposedBy === actor.userId ? t("withdraw") : t("reject")}
              confirm={pending.proposedBy === actor.userId ? t("withdrawConfirm", { version: pending.version }) : t("rejectConfirm", { version: pending.version })}
              variant="secondary"
              doneMessage={t("rejected")}
            />
          </div>
        </section>
      ) : (
        <section aria-labelledby="edit-h" className="mb-8">
          <h2 id="edit-h" className="mb-2 text-2xl font-semibold">{t("editTitle", { version: nextVersion })}</h2>
          <p className="mb-4 max-w-prose text-muted">{t("editLead", { version: desk.active.version })}</p>
          <RuleEditor active={desk.active} nextVersion={nextVersion} requireApproval={desk.requireApproval} action={proposeRules} />
        </section>
      )}

      <section aria-labelledby="history-h">
        <h2 id="history-h" className="mb-2 text-xl font-semibold">{t("history")}</h2>
        <DataTable
          id="rule-versions"
          dense
          captionHidden
          caption={t("history")}
          rows={desk.versions}
          rowKey={(v) => String(v.version)}
          rowAttributes={(v) => ({ "data-version": v.version, "data-status": v.status })}
          columns={[
            { header: t("version"), rowHeader: true, nowrap: true, className: "font-semibold", cell: (v) => v.version },
            { header: t("status"), nowrap: true, cell: (v) => <span className={v.status === "active" ? "font-semibold text-ok" : ""}>{t(`statuses.${v.status}`)}</span> },
            { header: t("proposedBy"), cell: (v) => `${who(v.proposedBy)} ${when(v.proposedAt)}` },
            { header: t("decidedBy"), cell: (v) => (v.decidedBy ? `${who(v.decidedBy)} ${when(v.decidedAt)}` : "") },
            {
              header: t("entries"),
              nowrap: true,
              cell: (v) =>
                [v.proposedSeq, v.decidedSeq]
                  .filter((seq, i, all): seq is number => seq !== null && all.indexOf(seq) === i)
                  .map((seq) => (
                    <a key={seq} className="link mr-2" href={`/api/ledger/entries/${seq}`}>
                      #{seq}
                    </a>
                  )),
            },
          ]}
          empty={{ message: t("builtIn") }}
        />
      </section>
    </Desk>
  );
}
