// The dashboards' date filter: two calendar days (Loudi time, YYYY-MM-DD), validated with
// zod; messages are keys of the `dashboards.errors` namespace so the page can word them.
import { z } from "zod";
import { DEPARTMENT_CODES, type DepartmentCode } from "@/lib/db/schema";

export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 60;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Today's date in Loudi (UTC+8, no daylight saving). */
export function todayInLoudi(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of `day` in Loudi, as an instant. */
export function startOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

const day = z
  .string()
  .trim()
  .refine(isCalendarDay, "dateFormat");

export const DASHBOARD_SCOPES = ["registry", ...DEPARTMENT_CODES.filter((d) => d !== "registry")] as const;
export type DashboardScope = "registry" | DepartmentCode;

export function dashboardFilterSchema(now: Date = new Date()) {
  const today = todayInLoudi(now);
  return z
    .object({
      from: day.optional(),
      to: day.optional(),
      scope: z.enum(DEPARTMENT_CODES, { message: "scope" }).optional(),
    })
    .transform((v) => ({ from: v.from ?? addDays(v.to ?? today, -(DEFAULT_RANGE_DAYS - 1)), to: v.to ?? today, scope: v.scope }))
    .superRefine((v, ctx) => {
      if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["from"], message: "fromAfterTo" });
      else if ((Date.parse(v.to) - Date.parse(v.from)) / DAY_MS + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: "rangeTooLong" });
      if (v.from > today) ctx.addIssue({ code: "custom", path: ["from"], message: "inFuture" });
    });
}

export type DashboardFilter = { from: string; to: string; scope?: DepartmentCode };

/** Parses search parameters; empty strings count as absent. Errors: field → message keys. */
export function parseDashboardFilter(
  raw: Record<string, string | string[] | undefined>,
  now: Date = new Date(),
): { ok: true; value: DashboardFilter } | { ok: false; errors: Record<string, string[]> } {
  const one = (v: string | string[] | undefined) => {
    const text = Array.isArray(v) ? v[0] : v;
    return text === undefined || text.trim() === "" ? undefined : text;
  };
  const parsed = dashboardFilterSchema(now).safeParse({ from: one(raw.from), to: one(raw.to), scope: one(raw.scope) });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "from");
    const message = ["dateFormat", "fromAfterTo", "rangeTooLong", "inFuture", "scope"].includes(issue.message) ? issue.message : field === "scope" ? "scope" : "dateFormat";
    (errors[field] ??= []).includes(message) || errors[field]!.push(message);
  }
  return { ok: false, errors };
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
