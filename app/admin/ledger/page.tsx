import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { formatters } from "@/app/components/format";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listAuditRuns, type AuditRun } from "@/lib/dal/ledger-health/audit-runs";
import { getLedgerHealth } from "@/lib/dal/ledger-health/get-ledger-health";
import { getDb } from "@/lib/db";
import { startLedgerAudit } from "./actions";
import { RefreshWhile } from "./refresh-while";

export default async function AdminLedgerPage() {
  const actor = await requireActor("ledger.health", "/admin/ledger");
  const t = await getTranslations("ledgerHealth");
  const td = await getTranslations("departments");
  const f = formatters(await getLocale());
  const db = await getDb();
  const [health, runs] = await Promise.all([getLedgerHealth(db, { actor }), listAuditRuns(db, { actor, limit: 10 })]);
  const latest = runs[0];
  const running = latest?.status === "running";
  const witnessAlerts = health.witnesses.filter((w) => w.alert !== null);
  const recentRefusals = health.refusals.filter((r) => r.recent);
  const department = (code: string | null) => (code ? td(code) : t("unknownDepartment"));

  return (
    <Desk actor={actor} desk="admin" current="/admin/ledger" title={t("title")}>
      <RefreshWhile active={running} />
      <p className="mb-6 max-w-prose text-muted">{t("lead")}</p>

      <section aria-labelledby="alerts-h" className="mb-8">
        <h2 id="alerts-h" className="mb-2 text-xl font-semibold">{t("alerts.title")}</h2>
        {witnessAlerts.length + recentRefusals.length === 0 ? (
          <p data-testid="no-alerts">{t("alerts.none")}</p>
        ) : (
          <ul className="space-y-2" data-testid="alerts">
            {witnessAlerts.map((w) => (
              <li key={`w-${w.department}`} className="border-l-4 border-danger bg-panel p-3" data-alert={w.alert} data-department={w.department}>
                {t(`alerts.${w.alert!}`, {
                  department: department(w.department),
                  lag: f.number(w.lagEntries),
                  entries: f.number(health.thresholds.entries),
                  minutes: f.number(Math.round(health.thresholds.seconds / 60)),
                })}
              </li>
            ))}
            {recentRefusals.map((r) => (
              <li key={r.id} className="border-l-4 border-danger bg-panel p-3" data-alert="refused" data-department={r.department ?? ""}>
                {t(r.source === "witness" ? "alerts.refusedByWitness" : "alerts.refusedByPortal", {
                  department: department(r.department),
                  size: r.treeSize === null ? "—" : f.number(r.treeSize),
                  reason: r.reason,
                  at: f.dateTime(r.at),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="audit-h" className="mb-8 border-t-4 border-brand bg-panel p-4">
        <h2 id="audit-h" className="mb-2 text-xl font-semibold">{t("audit.title")}</h2>
        <p className="mb-3 max-w-prose">{t("audit.lead", { size: f.number(health.treeSize) })}</p>
        {running ? null : <ActionForm action={startLedgerAudit} label={t("audit.start")} pendingLabel={t("audit.starting")} doneMessage={t("audit.started")} />}
        <div aria-live="polite" className="mt-4" data-testid="audit-latest">
          {latest ? <AuditResult run={latest} t={t} f={f} /> : <p>{t("audit.never")}</p>}
        </div>
        {runs.length > 1 ? (
          <details className="mt-4">
            <summary className="cursor-pointer">{t("audit.history")}</summary>
            <table className="mt-2 w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th scope="col">{t("audit.startedAt")}</th>
                  <th scope="col">{t("audit.status")}</th>
                  <th scope="col">{t("audit.entries")}</th>
                  <th scope="col">{t("audit.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.slice(1).map((run) => (
                  <tr key={run.id}>
                    <td>{f.dateTime(run.startedAt)}</td>
                    <td>{t(`audit.statuses.${run.status}`)}</td>
                    <td>{f.number(run.entriesChecked)}</td>
                    <td>{run.problem ? `${run.problem.reason}${run.problem.seq === null ? "" : ` @ ${run.problem.seq}`}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="checkpoint-h" className="mb-8">
        <h2 id="checkpoint-h" className="mb-2 text-xl font-semibold">{t("checkpoint.title")}</h2>
        {health.newest ? (
          <>
            <dl className="mb-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="font-semibold">{t("checkpoint.treeSize")}</dt>
              <dd data-testid="newest-size">{f.number(health.newest.treeSize)}</dd>
              <dt className="font-semibold">{t("checkpoint.published")}</dt>
              <dd>
                {f.dateTime(health.newest.createdAt)} ({f.age(health.newest.ageSeconds)})
              </dd>
              <dt className="font-semibold">{t("checkpoint.logKey")}</dt>
              <dd className="font-mono">{health.newest.logKeyName}</dd>
              <dt className="font-semibold">{t("checkpoint.witnessed")}</dt>
              <dd>
                {health.witnessed?.witnessed
                  ? t("checkpoint.witnessedAt", { size: f.number(health.witnessed.treeSize), quorum: health.quorum })
                  : t("checkpoint.notWitnessed", { quorum: health.quorum })}
              </dd>
            </dl>
            {health.newest.cosignatures.length === 0 ? (
              <p>{t("checkpoint.noCosignatures")}</p>
            ) : (
              <table className="w-full text-sm" data-testid="cosignatures">
                <caption className="text-left font-semibold">{t("checkpoint.cosignatures", { count: health.newest.cosignatures.length })}</caption>
                <thead>
                  <tr className="text-left">
                    <th scope="col">{t("checkpoint.key")}</th>
                    <th scope="col">{t("checkpoint.department")}</th>
                    <th scope="col">{t("checkpoint.counted")}</th>
                    <th scope="col">{t("checkpoint.age")}</th>
                  </tr>
                </thead>
                <tbody>
                  {health.newest.cosignatures.map((c) => (
                    <tr key={c.keyName}>
                      <td className="font-mono">{c.keyName}</td>
                      <td>{department(c.department)}</td>
                      <td>{c.counted ? t("yes") : t("no")}</td>
                      <td>
                        <time dateTime={c.at.toISOString()} title={f.dateTime(c.at)}>
                          {f.age(c.ageSeconds)}
                        </time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ) : (
          <p>{t("checkpoint.none")}</p>
        )}
      </section>

      <section aria-labelledby="witness-h" className="mb-8">
        <h2 id="witness-h" className="mb-2 text-xl font-semibold">{t("witnesses.title")}</h2>
        <p className="mb-2 max-w-prose text-sm text-muted">
          {t("witnesses.lead", { entries: f.number(health.thresholds.entries), minutes: f.number(Math.round(health.thresholds.seconds / 60)) })}
        </p>
        <table className="w-full text-sm" data-testid="witnesses">
          <thead>
            <tr className="text-left">
              <th scope="col">{t("checkpoint.department")}</th>
              <th scope="col">{t("witnesses.key")}</th>
              <th scope="col">{t("witnesses.lastSize")}</th>
              <th scope="col">{t("witnesses.lag")}</th>
              <th scope="col">{t("witnesses.lastAt")}</th>
              <th scope="col">{t("witnesses.state")}</th>
            </tr>
          </thead>
          <tbody>
            {health.witnesses.map((w) => (
              <tr key={w.department} data-department={w.department} data-alert={w.alert ?? ""}>
                <td>{department(w.department)}</td>
                <td className="font-mono">{w.activeKey ?? "—"}</td>
                <td>{w.lastSize === null ? t("witnesses.never") : f.number(w.lastSize)}</td>
                <td>{f.number(w.lagEntries)}</td>
                <td>{w.lastCosignedAt ? f.dateTime(w.lastCosignedAt) : "—"}</td>
                <td>{w.alert ? <strong className="text-danger">{t(`witnesses.alert.${w.alert}`)}</strong> : t("witnesses.ok")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="refusals-h" className="mb-8">
        <h2 id="refusals-h" className="mb-2 text-xl font-semibold">{t("refusals.title")}</h2>
        {health.refusals.length === 0 ? (
          <p>{t("refusals.none")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="refusals">
            <thead>
              <tr className="text-left">
                <th scope="col">{t("refusals.at")}</th>
                <th scope="col">{t("checkpoint.department")}</th>
                <th scope="col">{t("refusals.source")}</th>
                <th scope="col">{t("checkpoint.treeSize")}</th>
                <th scope="col">{t("refusals.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {health.refusals.map((r) => (
                <tr key={r.id}>
                  <td>{f.dateTime(r.at)}</td>
                  <td>{department(r.department)}</td>
                  <td>{t(`refusals.sources.${r.source}`)}</td>
                  <td>{r.treeSize === null ? "—" : f.number(r.treeSize)}</td>
                  <td>
                    <span className="font-mono">{r.reason}</span> — {r.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p>
        <Link className="link" href="/ledger">
          {t("publicExplorer")}
        </Link>
      </p>
    </Desk>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"ledgerHealth">>>;

function AuditResult({ run, t, f }: { run: AuditRun; t: T; f: ReturnType<typeof formatters> }) {
  const total = Math.max(run.entriesTotal, 1);
  const fraction = Math.min(run.entriesChecked / total, 1);
  if (run.status === "running") {
    return (
      <div>
        <p id="audit-progress-label">{t("audit.running", { checked: f.number(run.entriesChecked), total: f.number(run.entriesTotal) })}</p>
        <div
          role="progressbar"
          aria-labelledby="audit-progress-label"
          aria-valuemin={0}
          aria-valuemax={run.entriesTotal}
          aria-valuenow={run.entriesChecked}
          aria-valuetext={f.percent(fraction)}
          className="mt-2 h-4 w-full max-w-md border border-line bg-white"
        >
          <div className="h-full bg-brand" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      </div>
    );
  }
  return (
    <div data-status={run.status} className={`border-l-4 p-3 ${run.status === "ok" ? "border-ok" : "border-danger"}`}>
      <p className="font-semibold" role="status">
        {t(`audit.result.${run.status}`, { entries: f.number(run.entriesChecked) })}
      </p>
      {run.problem ? (
        <p data-testid="audit-problem">
          {run.problem.seq === null
            ? t("audit.problemNoSeq", { reason: run.problem.reason })
            : t(run.problem.kind === "checkpoint" ? "audit.problemCheckpoint" : "audit.problemEntry", { seq: run.problem.seq, reason: run.problem.reason })}{" "}
          <span className="text-muted">{run.problem.detail}</span>
        </p>
      ) : null}
      <p className="text-sm text-muted">
        {t("audit.finished", {
          at: run.finishedAt ? f.dateTime(run.finishedAt) : "—",
          seconds: run.seconds === null ? "—" : f.decimal(run.seconds),
          newest: run.newestSize === null ? "—" : f.number(run.newestSize),
          witnessed: run.witnessedSize === null ? "—" : f.number(run.witnessedSize),
        })}
      </p>
      {run.warnings.length > 0 ? (
        <ul className="list-disc pl-5 text-sm">
          {run.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
