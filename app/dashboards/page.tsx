// Dashboards for the registry and each department (issue 6, item 5). Who sees which scope is
// decided in lib/auth/permissions.ts (dashboardScopes) and enforced again in getDashboard.
// Every chart has its figures in a table next to it, and every table exports as CSV.
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Chart, ChartFigure } from "@/app/components/chart";
import { Desk, type DeskName } from "@/app/components/desk";
import { formatters } from "@/app/components/format";
import { dashboardScopes, type Actor } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { getDashboard } from "@/lib/dal/dashboards/get-dashboard";
import { parseDashboardFilter } from "@/lib/dal/dashboards/range";
import { getDb } from "@/lib/db";
import { dashboardLabels } from "./labels";
import { dashboardTable, type Cell, type DashboardTable, type TableData } from "./tables";

type Search = Record<string, string | string[] | undefined>;

function deskOf(actor: Actor): DeskName {
  if (actor.role === "senior_admin") return "admin";
  if (actor.role === "clerk") return "clerk";
  return "department";
}

export default async function DashboardsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("dashboard.view", "/dashboards");
  const scopes = dashboardScopes(actor);
  if (scopes.length === 0) forbidden();
  const params = await searchParams;
  const t = await getTranslations("dashboards");
  const td = await getTranslations("departments");
  const f = formatters(await getLocale());
  const filter = parseDashboardFilter(params);
  const scope = filter.ok ? (filter.value.scope ?? scopes[0]!) : scopes[0]!;
  if (!scopes.includes(scope)) forbidden();
  const raw = (name: string) => {
    const v = params[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const values = filter.ok ? filter.value : { from: raw("from"), to: raw("to") };
  const errors = filter.ok ? {} : filter.errors;
  const dashboard = filter.ok ? await getDashboard(await getDb(), { actor, scope, from: filter.value.from, to: filter.value.to }) : null;
  const labels = await dashboardLabels(scope);
  const scopeName = scope === "registry" ? t("registryScope") : td(scope);
  const query = (extra: Record<string, string>) => new URLSearchParams({ scope, from: values.from, to: values.to, ...extra }).toString();
  const cell = (value: Cell, numeric: boolean) => (value === null ? "—" : typeof value === "number" ? (numeric ? f.decimal(value) : f.number(value)) : value);

  const tableView = (name: DashboardTable, data: TableData, caption: string, options: { dayColumn?: boolean; decimals?: boolean } = {}) => (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={`table-${name}`}>
        <caption className="text-left text-muted">{caption}</caption>
        <thead>
          <tr className="text-left">
            {data.header.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? "text-right" : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, r) => (
            <tr key={data.keys[r]} data-key={data.keys[r]}>
              {row.map((value, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="text-left font-normal">
                    {options.dayColumn && typeof value === "string" ? f.isoDay(value) : cell(value, false)}
                  </th>
                ) : (
                  <td key={i} className="text-right" data-column={i}>
                    {cell(value, options.decimals === true)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-sm">
        <a className="link" href={`/dashboards/export?${query({ table: name })}`} download>
          {t("exportCsv", { table: caption })}
        </a>
      </p>
    </div>
  );

  return (
    <Desk actor={actor} desk={deskOf(actor)} current="/dashboards" title={t("title", { scope: scopeName })}>
      <form action="/dashboards" method="get" className="mb-6 flex flex-wrap items-end gap-3 border-t-4 border-brand bg-panel p-4" noValidate>
        {scopes.length > 1 ? (
          <label className="flex flex-col">
            <span className="font-semibold">{t("filter.scope")}</span>
            <select name="scope" defaultValue={scope} className="field-input">
              {scopes.map((s) => (
                <option key={s} value={s}>
                  {s === "registry" ? t("registryScope") : td(s)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="scope" value={scope} />
        )}
        {(["from", "to"] as const).map((field) => (
          <label key={field} className="flex flex-col">
            <span className="font-semibold">{t(`filter.${field}`)}</span>
            <input
              type="date"
              name={field}
              defaultValue={values[field]}
              className="field-input"
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={errors[field] ? `${field}-error` : undefined}
            />
            {errors[field] ? (
              <span id={`${field}-error`} className="text-sm font-semibold text-danger">
                {errors[field].map((m) => t(`errors.${m}`)).join(" ")}
              </span>
            ) : null}
          </label>
        ))}
        <button type="submit" className="btn btn-primary">
          {t("filter.apply")}
        </button>
      </form>
      {!filter.ok ? (
        <div role="alert" className="mb-6 border-l-4 border-danger pl-3 font-semibold text-danger">
          <p>{t("errors.title")}</p>
          <ul className="list-disc pl-5 font-normal">
            {Object.entries(errors).map(([field, messages]) => (
              <li key={field}>{messages.map((m) => t(`errors.${m}`)).join(" ")}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {dashboard ? (
        <>
          <p className="mb-6 max-w-prose" data-testid="dashboard-summary" aria-live="polite">
            {t(scope === "registry" ? "summary.registry" : "summary.department", {
              from: f.isoDay(dashboard.from),
              to: f.isoDay(dashboard.to),
              filed: f.number(dashboard.totals.perDay),
              decided: f.number(dashboard.totals.decided),
              checks: f.number(dashboard.totals.checks),
              breaches: f.number(dashboard.totals.slaBreaches),
            })}
          </p>
          <Section id="per-day" title={t(scope === "registry" ? "sections.perDay" : "sections.requestsPerDay")}>
            {dashboard.totals.perDay === 0 ? (
              <p data-testid="empty-perDay">{t("empty.perDay")}</p>
            ) : (
              <ChartFigure
                caption={t("charts.perDay", { total: f.number(dashboard.totals.perDay) })}
                chart={
                  <Chart
                    kind="bar"
                    stacked
                    xKey="day"
                    label={t("charts.perDayLabel", { total: f.number(dashboard.totals.perDay), days: dashboard.days.length })}
                    data={dashboard.perDay.rows.map((r) => ({ day: r.day.slice(5), ...r.values }))}
                    series={dashboard.perDay.series.map((s) => ({ key: s, label: labels.series(s) }))}
                  />
                }
                alternative={
                  <details className="mt-2">
                    <summary className="cursor-pointer">{t("showTable")}</summary>
                    {tableView("perDay", dashboardTable(dashboard, "perDay", labels), t("tables.perDay"), { dayColumn: true })}
                  </details>
                }
              />
            )}
          </Section>
          <Section id="processing" title={t(scope === "registry" ? "sections.processing" : "sections.answerTimes")}>
            {dashboard.processing.length === 0 ? (
              <p>{t("empty.processing")}</p>
            ) : (
              <ChartFigure
                caption={t("charts.processing")}
                chart={
                  <Chart
                    kind="bar"
                    xKey="label"
                    label={t("charts.processingLabel")}
                    data={dashboard.processing.map((p) => ({ label: labels.series(p.key), median: p.medianHours, p90: p.p90Hours }))}
                    series={[
                      { key: "median", label: t("columns.medianHours") },
                      { key: "p90", label: t("columns.p90Hours") },
                    ]}
                  />
                }
                alternative={tableView("processing", dashboardTable(dashboard, "processing", labels), t("tables.processing"), { decimals: true })}
              />
            )}
          </Section>
          <Section id="checks" title={t(scope === "registry" ? "sections.checks" : "sections.checksOwn")}>
            {dashboard.checks.length === 0 ? (
              <p>{t("empty.checks")}</p>
            ) : (
              <ChartFigure
                caption={t("charts.checks", { total: f.number(dashboard.totals.checks) })}
                chart={
                  <Chart
                    kind="bar"
                    stacked
                    xKey="label"
                    label={t("charts.checksLabel", { total: f.number(dashboard.totals.checks) })}
                    data={dashboard.checks.map((c) => ({ label: labels.group(c.key), byStandingRule: c.byStandingRule, byAdmin: c.byAdmin, waiting: c.total - c.byStandingRule - c.byAdmin }))}
                    series={[
                      { key: "byStandingRule", label: t("columns.byStandingRule") },
                      { key: "byAdmin", label: t("columns.byAdmin") },
                      { key: "waiting", label: t("columns.notAuthorised") },
                    ]}
                  />
                }
                alternative={tableView("checks", dashboardTable(dashboard, "checks", labels), t("tables.checks"), { decimals: true })}
              />
            )}
          </Section>
          <Section id="sla" title={t("sections.sla")}>
            <p className="mb-2 max-w-prose text-sm text-muted">{t("slaExplained")}</p>
            {dashboard.checks.length === 0 ? (
              <p>{t("empty.checks")}</p>
            ) : dashboard.totals.slaBreaches === 0 ? (
              <>
                <p data-testid="no-breaches">{t("empty.sla")}</p>
                {tableView("sla", dashboardTable(dashboard, "sla", labels), t("tables.sla"))}
              </>
            ) : (
              tableView("sla", dashboardTable(dashboard, "sla", labels), t("tables.sla"))
            )}
          </Section>
          <Section id="queue" title={t(scope === "registry" ? "sections.queue" : "sections.inbox")}>
            <ChartFigure
              caption={t("charts.queue", { now: f.number(dashboard.queue.at(-1)?.open ?? 0), max: f.number(Math.max(0, ...dashboard.queue.map((q) => q.open))) })}
              chart={
                <Chart
                  kind="line"
                  xKey="day"
                  label={t("charts.queueLabel", { now: f.number(dashboard.queue.at(-1)?.open ?? 0), max: f.number(Math.max(0, ...dashboard.queue.map((q) => q.open))) })}
                  data={dashboard.queue.map((q) => ({ day: q.day.slice(5), open: q.open }))}
                  series={[{ key: "open", label: t(scope === "registry" ? "columns.openApplications" : "columns.openRequests") }]}
                />
              }
              alternative={
                <details className="mt-2">
                  <summary className="cursor-pointer">{t("showTable")}</summary>
                  {tableView("queue", dashboardTable(dashboard, "queue", labels), t("tables.queue"), { dayColumn: true })}
                </details>
              }
            />
          </Section>
          {scope !== "registry" || scopes.length > 1 ? null : (
            <p className="text-sm text-muted">
              <Link className="link" href="/ledger">
                {t("ledgerLink")}
              </Link>
            </p>
          )}
        </>
      ) : null}
    </Desk>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="mb-10">
      <h2 id={`${id}-h`} className="mb-2 text-2xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
