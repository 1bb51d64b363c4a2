// Dashboards (issue 6, item 5), for the registry and for each department, over a range of
// calendar days in Loudi time. Figures come from the case caches (registration_applications,
// registration_verification_requests) for who/what, and from the ledger for when each step
// happened (decision, authorisation, answer, closing entries), so times are the signed ones.
//
// registry scope: applications per day by kind; median and p90 hours from submission to
//   decision per kind (decided in range); checks per department with authorisation and
//   answer times and SLA breaches (raised in range); open applications at the end of each day.
// department scope: the same for that department's requests only, grouped by check:
//   requests per day by check, hours from request to answer per check, authorisation and
//   answer times, SLA breaches, open requests at the end of each day (its inbox).
//
// An SLA breach: a request closed (answered, refused, blocked, cancelled) later than its
// expected hours after being raised, or still open past them now.
import { sql, type SQL } from "drizzle-orm";
import { dashboardScopes, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import type { DepartmentCode } from "@/lib/db/schema";
import { PORTAL_TIME_ZONE_SQL } from "../reporting/time-zone";
import { addDays, daysBetween, startOfDay, type DashboardScope } from "./range";

export interface SeriesTable {
  /** Series keys (application kinds or check names), in a stable order. */
  series: string[];
  rows: { day: string; values: Record<string, number>; total: number }[];
}

export interface ProcessingRow {
  key: string;
  count: number;
  /** Approved applications (registry) or yes answers (department). */
  positive: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface CheckRow {
  /** Department code (registry scope) or check name (department scope). */
  key: string;
  total: number;
  byStandingRule: number;
  byAdmin: number;
  yes: number;
  no: number;
  refused: number;
  open: number;
  medianAuthoriseHours: number | null;
  medianAnswerHours: number | null;
  slaBreaches: number;
  openBreaches: number;
}

export interface Dashboard {
  scope: DashboardScope;
  from: string;
  to: string;
  days: string[];
  perDay: SeriesTable;
  processing: ProcessingRow[];
  checks: CheckRow[];
  queue: { day: string; open: number }[];
  totals: { perDay: number; decided: number; checks: number; slaBreaches: number };
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

const num = (v: unknown) => Number(v ?? 0);
const hours = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const TZ = sql.raw(PORTAL_TIME_ZONE_SQL);

export interface GetDashboardOptions {
  actor: Actor;
  scope: DashboardScope;
  from: string;
  to: string;
  now?: Date;
}

/** Refuses (ForbiddenError) a scope the actor may not see: permissions.ts dashboardScopes. */
export async function getDashboard(q: Queryable, options: GetDashboardOptions): Promise<Dashboard> {
  if (!dashboardScopes(options.actor).includes(options.scope)) throw new ForbiddenError(undefined, "dashboard.view");
  const now = options.now ?? new Date();
  const { from, to, scope } = options;
  const start = startOfDay(from).toISOString();
  const end = startOfDay(addDays(to, 1)).toISOString();
  const days = daysBetween(from, to);
  const department: DepartmentCode | null = scope === "registry" ? null : scope;
  const perDay = department ? await requestsPerDay(q, department, start, end) : await applicationsPerDay(q, start, end);
  const processing = department ? await answerTimes(q, department, start, end) : await decisionTimes(q, start, end);
  const checks = await checkFigures(q, department, start, end, now);
  const queue = department ? await openRequestsByDay(q, department, from, to, now) : await openApplicationsByDay(q, from, to, now);
  const filled: SeriesTable = {
    series: perDay.series,
    rows: days.map((day) => {
      const values = Object.fromEntries(perDay.series.map((s) => [s, perDay.counts.get(`${day}|${s}`) ?? 0]));
      return { day, values, total: Object.values(values).reduce((a, b) => a + b, 0) };
    }),
  };
  return {
    scope,
    from,
    to,
    days,
    perDay: filled,
    processing,
    checks,
    queue,
    totals: {
      perDay: filled.rows.reduce((a, r) => a + r.total, 0),
      decided: processing.reduce((a, r) => a + r.count, 0),
      checks: checks.reduce((a, r) => a + r.total, 0),
      slaBreaches: checks.reduce((a, r) => a + r.slaBreaches, 0),
    },
  };
}

async function perDayCounts(q: Queryable, query: SQL): Promise<{ series: string[]; counts: Map<string, number> }> {
  const rows = rowsOf(await q.execute(query));
  const series = [...new Set(rows.map((r) => String(r.series)))].sort();
  return { series, counts: new Map(rows.map((r) => [`${String(r.day)}|${String(r.series)}`, num(r.n)])) };
}

function applicationsPerDay(q: Queryable, start: string, end: string) {
  return perDayCounts(
    q,
    sql`SELECT to_char(submitted_at AT TIME ZONE ${TZ}, 'YYYY-MM-DD') AS day, kind AS series, count(*)::int AS n
        FROM registration_applications
        WHERE submitted_at >= ${start}::timestamptz AND submitted_at < ${end}::timestamptz
        GROUP BY 1, 2`,
  );
}

function requestsPerDay(q: Queryable, department: DepartmentCode, start: string, end: string) {
  return perDayCounts(
    q,
    sql`SELECT to_char(raised_at AT TIME ZONE ${TZ}, 'YYYY-MM-DD') AS day, "check" AS series, count(*)::int AS n
        FROM registration_verification_requests
        WHERE department = ${department} AND raised_at >= ${start}::timestamptz AND raised_at < ${end}::timestamptz
        GROUP BY 1, 2`,
  );
}

const DECISION_TYPES = sql`('registration.approved', 'registration.rejected')`;
const APPLICATION_CLOSING_TYPES = sql`('registration.approved', 'registration.rejected', 'registration.withdrawn')`;
const REQUEST_CLOSING_TYPES = sql`('verification.answered', 'verification.refused', 'verification.blocked', 'verification.cancelled')`;

async function decisionTimes(q: Queryable, start: string, end: string): Promise<ProcessingRow[]> {
  const rows = rowsOf(
    await q.execute(sql`
      WITH decided AS (
        SELECT a.kind, a.submitted_at, d.time AS decided_at, d.type AS outcome
        FROM registration_applications a
        JOIN LATERAL (
          SELECT e.time, e.type FROM ledger_entries e
          WHERE e.subject = a.id AND e.type IN ${DECISION_TYPES}
          ORDER BY e.seq LIMIT 1
        ) d ON true
        WHERE a.submitted_at IS NOT NULL
      )
      SELECT kind AS key, count(*)::int AS n,
        count(*) FILTER (WHERE outcome = 'registration.approved')::int AS positive,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at) / 3600) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at) / 3600) AS p90
      FROM decided
      WHERE decided_at >= ${start}::timestamptz AND decided_at < ${end}::timestamptz
      GROUP BY kind ORDER BY kind`),
  );
  return rows.map((r) => ({ key: String(r.key), count: num(r.n), positive: num(r.positive), medianHours: hours(r.median), p90Hours: hours(r.p90) }));
}

/** The department's requests raised in range with the times of their ledger steps. */
function requestSteps(department: DepartmentCode | null, start: string, end: string): SQL {
  return sql`
    SELECT r.request_id, r.department, r."check", r.status, r.authorised_via, r.answer, r.raised_at, r.expected_hours,
      min(e.time) FILTER (WHERE e.type = 'verification.authorised') AS authorised_at,
      min(e.time) FILTER (WHERE e.type = 'verification.answered') AS answered_at,
      min(e.time) FILTER (WHERE e.type IN ${REQUEST_CLOSING_TYPES}) AS closed_at
    FROM registration_verification_requests r
    LEFT JOIN ledger_entries e ON e.subject = r.request_id
    WHERE r.raised_at >= ${start}::timestamptz AND r.raised_at < ${end}::timestamptz
      ${department ? sql`AND r.department = ${department}` : sql``}
    GROUP BY r.request_id`;
}

async function answerTimes(q: Queryable, department: DepartmentCode, start: string, end: string): Promise<ProcessingRow[]> {
  const rows = rowsOf(
    await q.execute(sql`
      WITH steps AS (${requestSteps(department, start, end)})
      SELECT "check" AS key, count(answered_at)::int AS n,
        count(*) FILTER (WHERE answer = 'yes')::int AS positive,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - raised_at) / 3600) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - raised_at) / 3600) AS p90
      FROM steps GROUP BY "check" ORDER BY "check"`),
  );
  return rows.map((r) => ({ key: String(r.key), count: num(r.n), positive: num(r.positive), medianHours: hours(r.median), p90Hours: hours(r.p90) }));
}

async function checkFigures(q: Queryable, department: DepartmentCode | null, start: string, end: string, now: Date): Promise<CheckRow[]> {
  const group = department ? sql.raw(`"check"`) : sql.raw("department");
  const rows = rowsOf(
    await q.execute(sql`
      WITH steps AS (${requestSteps(department, start, end)})
      SELECT ${group} AS key, count(*)::int AS total,
        count(*) FILTER (WHERE authorised_via = 'standing_rule')::int AS by_rule,
        count(*) FILTER (WHERE authorised_via = 'admin')::int AS by_admin,
        count(*) FILTER (WHERE answer = 'yes')::int AS yes,
        count(*) FILTER (WHERE answer = 'no')::int AS no,
        count(*) FILTER (WHERE status = 'refused')::int AS refused,
        count(*) FILTER (WHERE closed_at IS NULL)::int AS open,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM authorised_at - raised_at) / 3600) AS authorise,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - authorised_at) / 3600) AS answer,
        count(*) FILTER (WHERE coalesce(closed_at, ${now.toISOString()}::timestamptz) > raised_at + expected_hours * interval '1 hour')::int AS breaches,
        count(*) FILTER (WHERE closed_at IS NULL AND ${now.toISOString()}::timestamptz > raised_at + expected_hours * interval '1 hour')::int AS open_breaches
      FROM steps GROUP BY 1 ORDER BY 1`),
  );
  return rows.map((r) => ({
    key: String(r.key),
    total: num(r.total),
    byStandingRule: num(r.by_rule),
    byAdmin: num(r.by_admin),
    yes: num(r.yes),
    no: num(r.no),
    refused: num(r.refused),
    open: num(r.open),
    medianAuthoriseHours: hours(r.authorise),
    medianAnswerHours: hours(r.answer),
    slaBreaches: num(r.breaches),
    openBreaches: num(r.open_breaches),
  }));
}

/** End of each day (Loudi midnight), but never later than now: today's figure is "so far". */
function dayEnds(from: string, to: string, now: Date): SQL {
  return sql`
    SELECT to_char(d, 'YYYY-MM-DD') AS day,
      least(((d + interval '1 day')::timestamp AT TIME ZONE ${TZ}), ${now.toISOString()}::timestamptz) AS at
    FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d`;
}

/**
 * How many items were open at the end of each day: `opened` lists them (opened_at, subject),
 * and an item closes with its first ledger entry of one of `closingTypes`.
 */
async function openByDay(q: Queryable, opened: SQL, closingTypes: SQL, from: string, to: string, now: Date) {
  const rows = rowsOf(
    await q.execute(sql`
      WITH ends AS (${dayEnds(from, to, now)}),
      items AS (
        SELECT o.opened_at,
          (SELECT min(e.time) FROM ledger_entries e WHERE e.subject = o.subject AND e.type IN ${closingTypes}) AS closed_at
        FROM (${opened}) o
        WHERE o.opened_at < ${startOfDay(addDays(to, 1)).toISOString()}::timestamptz
      )
      SELECT ends.day, (SELECT count(*) FROM items WHERE items.opened_at < ends.at AND (items.closed_at IS NULL OR items.closed_at >= ends.at))::int AS open
      FROM ends ORDER BY ends.day`),
  );
  return rows.map((r) => ({ day: String(r.day), open: num(r.open) }));
}

function openApplicationsByDay(q: Queryable, from: string, to: string, now: Date) {
  const opened = sql`SELECT submitted_at AS opened_at, id AS subject FROM registration_applications WHERE submitted_at IS NOT NULL`;
  return openByDay(q, opened, APPLICATION_CLOSING_TYPES, from, to, now);
}

function openRequestsByDay(q: Queryable, department: DepartmentCode, from: string, to: string, now: Date) {
  const opened = sql`SELECT raised_at AS opened_at, request_id AS subject FROM registration_verification_requests WHERE department = ${department}`;
  return openByDay(q, opened, REQUEST_CLOSING_TYPES, from, to, now);
}
