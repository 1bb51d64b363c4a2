// Dashboards for the registry and each department (issue 6, item 5). Who sees which scope is
// decided in lib/auth/permissions.ts (dashboardScopes) and enforced again in getDashboard.
// Every chart has its figures in a table next to it, and every table exports as CSV.
import type { ComponentProps, ReactNode } from "react";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Chart, ChartFigure } from "@/app/components/chart";
import { Desk, type DeskName } from "@/app/components/desk";
import { formatters } from "@/app/components/format";
import { dashboardScopes, type Actor } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { getDashboard, type Dashboard } from "@/lib/dal/dashboards/get-dashboard";
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

  // One entry per section of the page, in order: its chart (if any) and the table with the
  // same figures (folded away under "show table" where the table is long: one row a day).
  const registry = scope === "registry";
  const sections = (d: Dashboard): SectionSpec[] => {
    const openNow = f.number(d.queue.at(-1)?.open ?? 0);
    const openMax = f.number(Math.max(0, ...d.queue.map((q) => q.open)));
    const noChecks = d.checks.length === 0 ? <p>{t("empty.checks")}</p> : null;
    return [
      {
        id: "per-day",
        title: t(registry ? "sections.perDay" : "sections.requestsPerDay"),
        table: { name: "perDay", caption: t("tables.perDay"), collapsed: true, dayColumn: true },
        empty: d.totals.perDay === 0 ? <p data-testid="empty-perDay">{t("empty.perDay")}</p> : null,
        chart: {
          caption: t("charts.perDay", { total: f.number(d.totals.perDay) }),
          props: {
            kind: "bar",
            stacked: true,
            xKey: "day",
            label: t("charts.perDayLabel", { total: f.number(d.totals.perDay), days: d.days.length }),
            data: d.perDay.rows.map((r) => ({ day: r.day.slice(5), ...r.values })),
            series: d.perDay.series.map((s) => ({ key: s, label: labels.series(s) })),
          },
        },
      },
      {
        id: "processing",
        title: t(registry ? "sections.processing" : "sections.answerTimes"),
        table: { name: "processing", caption: t("tables.processing"), decimals: true },
        empty: d.processing.length === 0 ? <p>{t("empty.processing")}</p> : null,
        chart: {
          caption: t("charts.processing"),
          props: {
            kind: "bar",
            xKey: "label",
            label: t("charts.processingLabel"),
            data: d.processing.map((p) => ({ label: labels.series(p.key), median: p.medianHours, p90: p.p90Hours })),
            series: [
              { key: "median", label: t("columns.medianHours") },
              { key: "p90", label: t("columns.p90Hours") },
            ],
          },
        },
      },
      {
        id: "checks",
        title: t(registry ? "sections.checks" : "sections.checksOwn"),
        table: { name: "checks", caption: t("tables.checks"), decimals: true },
        empty: noChecks,
        chart: {
          caption: t("charts.checks", { total: f.number(d.totals.checks) }),
          props: {
            kind: "bar",
            stacked: true,
            xKey: "label",
            label: t("charts.checksLabel", { total: f.number(d.totals.checks) }),
            data: d.checks.map((c) => ({ label: labels.group(c.key), byStandingRule: c.byStandingRule, byAdmin: c.byAdmin, waiting: c.total - c.byStandingRule - c.byAdmin })),
            series: [
              { key: "byStandingRule", label: t("columns.byStandingRule") },
              { key: "byAdmin", label: t("columns.byAdmin") },
              { key: "waiting", label: t("columns.notAuthorised") },
            ],
          },
        },
      },
      {
        id: "sla",
        title: t("sections.sla"),
        table: { name: "sla", caption: t("tables.sla") },
        intro: <p className="mb-2 max-w-prose text-sm text-muted">{t("slaExplained")}</p>,
        empty: noChecks,
        note: d.totals.slaBreaches === 0 ? <p data-testid="no-breaches">{t("empty.sla")}</p> : null,
      },
      {
        id: "queue",
        title: t(registry ? "sections.queue" : "sections.inbox"),
        table: { name: "queue", caption: t("tables.queue"), collapsed: true, dayColumn: true },
        chart: {
          caption: t("charts.queue", { now: openNow, max: openMax }),
          props: {
            kind: "line",
            xKey: "day",
            label: t("charts.queueLabel", { now: openNow, max: openMax }),
            data: d.queue.map((q) => ({ day: q.day.slice(5), open: q.open })),
            series: [{ key: "open", label: t(registry ? "columns.openApplications" : "columns.openRequests") }],
          },
        },
      },
    ];
  };
  const sectionTable = ({ table }: SectionSpec) => {
    const view = tableView(table.name, dashboardTable(dashboard!, table.name, labels), table.caption, table);
    return table.collapsed ? (
      <details className="mt-2">
        <summary className="cursor-pointer">{t("showTable")}</summary>
        {view}
      </details>
    ) : (
      view
    );
  };

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
          {sections(dashboard).map((section) => (
            <Section key={section.id} id={section.id} title={section.title}>
              {section.intro}
              {section.empty ? (
                section.empty
              ) : section.chart ? (
                <ChartFigure caption={section.chart.caption} chart={<Chart {...section.chart.props} />} alternative={sectionTable(section)} />
              ) : (
                <>
                  {section.note}
                  {sectionTable(section)}
                </>
              )}
            </Section>
          ))}
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

interface SectionSpec {
  id: string;
  title: string;
  table: { name: DashboardTable; caption: string; collapsed?: boolean; dayColumn?: boolean; decimals?: boolean };
  /** Shown instead of the chart and table when there is nothing to show. */
  empty?: ReactNode;
  intro?: ReactNode;
  /** Shown above a section's table when it has no chart. */
  note?: ReactNode;
  chart?: { caption: string; props: ComponentProps<typeof Chart> };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="mb-10">
      <h2 id={`${id}-h`} className="mb-2 text-2xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
