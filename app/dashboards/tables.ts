// The dashboard's tables as header + rows of raw values, shared by the page (which formats
// numbers per locale and draws the charts from the same rows) and the CSV export, so the
// two can never disagree.
import type { Dashboard } from "@/lib/dal/dashboards/get-dashboard";

export const DASHBOARD_TABLES = ["perDay", "processing", "checks", "sla", "queue"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export type Cell = string | number | null;
export interface TableData {
  header: string[];
  rows: Cell[][];
  /** Row keys (series / department / check codes) for data attributes and charts. */
  keys: string[];
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface Labels {
  t: Translate;
  /** Series label: application kind (registry) or check (department). */
  series: (code: string) => string;
  /** Row label of the checks table: department (registry) or check (department). */
  group: (code: string) => string;
}

export function dashboardTable(d: Dashboard, table: DashboardTable, { t, series, group }: Labels): TableData {
  const registry = d.scope === "registry";
  switch (table) {
    case "perDay":
      return {
        header: [t("columns.day"), ...d.perDay.series.map(series), t("columns.total")],
        rows: d.perDay.rows.map((r) => [r.day, ...d.perDay.series.map((s) => r.values[s] ?? 0), r.total]),
        keys: d.perDay.rows.map((r) => r.day),
      };
    case "processing":
      return {
        header: [
          registry ? t("columns.kind") : t("columns.check"),
          registry ? t("columns.decided") : t("columns.answered"),
          registry ? t("columns.approved") : t("columns.yes"),
          t("columns.medianHours"),
          t("columns.p90Hours"),
        ],
        rows: d.processing.map((p) => [series(p.key), p.count, p.positive, p.medianHours, p.p90Hours]),
        keys: d.processing.map((p) => p.key),
      };
    case "checks":
      return {
        header: [
          registry ? t("columns.department") : t("columns.check"),
          t("columns.requests"),
          t("columns.byStandingRule"),
          t("columns.byAdmin"),
          t("columns.yes"),
          t("columns.no"),
          t("columns.refused"),
          t("columns.open"),
          t("columns.medianAuthoriseHours"),
          t("columns.medianAnswerHours"),
        ],
        rows: d.checks.map((c) => [group(c.key), c.total, c.byStandingRule, c.byAdmin, c.yes, c.no, c.refused, c.open, c.medianAuthoriseHours, c.medianAnswerHours]),
        keys: d.checks.map((c) => c.key),
      };
    case "sla":
      return {
        header: [registry ? t("columns.department") : t("columns.check"), t("columns.requests"), t("columns.breaches"), t("columns.openBreaches")],
        rows: d.checks.map((c) => [group(c.key), c.total, c.slaBreaches, c.openBreaches]),
        keys: d.checks.map((c) => c.key),
      };
    case "queue":
      return {
        header: [t("columns.day"), registry ? t("columns.openApplications") : t("columns.openRequests")],
        rows: d.queue.map((q) => [q.day, q.open]),
        keys: d.queue.map((q) => q.day),
      };
  }
}
