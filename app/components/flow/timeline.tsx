// The progress timeline (contracts/registration/progress): one list item per step with who
// holds it, since when, what it answered, the expected time, and its ledger entry.
import { getTranslations } from "next-intl/server";
import type { ProgressStep } from "@/lib/dal/registration/get-progress";
import { getFormatters } from "@/lib/i18n/format-server";

export async function Timeline({ steps, next }: { steps: readonly ProgressStep[]; next: string | null }) {
  const t = await getTranslations("flow");
  const tAll = await getTranslations();
  const fmt = await getFormatters();
  const holder = (h: string) => (h === "resident" ? t("progress.holders.resident") : tAll(`departments.${h}`));
  return (
    <section aria-labelledby="timeline-h" className="mb-8">
      <h2 id="timeline-h" className="mb-3 text-2xl font-semibold">{t("progress.timeline")}</h2>
      <ol className="border-l-4 border-line" data-testid="timeline">
        {steps.map((s) => (
          <li
            key={s.key}
            data-step={s.key}
            data-state={s.state}
            className={`mb-4 ml-4 p-3 ${s.state === "failed" || s.state === "blocked" ? "border-l-4 border-danger bg-panel" : s.state === "current" ? "border-l-4 border-brand bg-panel" : ""}`}
          >
            <p className="font-semibold">
              {t(`progress.stepKinds.${s.kind}`)}
              {s.kind === "check" ? ` · ${s.key.replace(/^check:/, "")}` : ""} — {t(`progress.states.${s.state}`)}
            </p>
            <dl className="grid grid-cols-[8rem_1fr] gap-x-3 text-sm">
              <dt>{t("progress.holder")}</dt>
              <dd>{holder(s.holder)}</dd>
              <dt>{t("progress.since")}</dt>
              <dd>{fmt.dateTime(s.since)}</dd>
              <dt>{t("progress.answer")}</dt>
              <dd data-testid="step-outcome">
                {s.outcome ?? t("common.none")}
                {s.reasonCode ? ` (${s.reasonCode})` : ""}
              </dd>
              <dt>{t("progress.expected")}</dt>
              <dd>
                {s.expectedHours !== null ? t("common.hours", { hours: s.expectedHours }) : t("common.none")}
                {s.dueAt && s.state === "current" ? ` · ${t("common.dueAt", { at: fmt.dateTime(s.dueAt) })}` : ""}
                {s.overdueHours > 0 && s.state === "current" ? <strong className="ml-2 text-danger">{t("common.overdue", { hours: Math.round(s.overdueHours) })}</strong> : null}
              </dd>
              {s.seq !== null ? (
                <>
                  <dt>{t("accessLog.proof")}</dt>
                  <dd>
                    <a className="link font-mono" href={`/api/ledger/entries/${s.seq}`} data-seq={s.seq}>
                      {t("common.seq", { seq: s.seq })}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ol>
      <p className="font-semibold" data-testid="next-step">
        {t("progress.next")}: {t(`progress.nextSteps.${next ?? "none"}`)}
      </p>
    </section>
  );
}
