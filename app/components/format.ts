// Formatting for reports (ledger health, explorer, dashboards): lib/i18n/format.ts's dates,
// times and numbers, plus what reports need on top: one-decimal figures (hours), percents,
// ages ("5 min ago") and calendar days given as YYYY-MM-DD (already Loudi days).
import { formatters as baseFormatters, type Formatters } from "@/lib/i18n/format";

export interface ReportFormatters extends Formatters {
  decimal(value: number): string;
  percent(fraction: number): string;
  /** "5 min. ago" / "5分钟前": the largest whole unit. */
  age(seconds: number): string;
  /** A "YYYY-MM-DD" calendar day in the reader's form. */
  isoDay(day: string): string;
}

export function formatters(locale: string): ReportFormatters {
  const tag = locale === "en" ? "en-GB" : "zh-CN";
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: "always", style: "short" });
  const base = baseFormatters(locale);
  return {
    ...base,
    decimal: (n) => decimal.format(n),
    percent: (fraction) => percent.format(fraction),
    age: (seconds) => {
      if (seconds < 60) return relative.format(-Math.round(seconds), "second");
      if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), "minute");
      if (seconds < 86_400) return relative.format(-Math.floor(seconds / 3600), "hour");
      return relative.format(-Math.floor(seconds / 86_400), "day");
    },
    // Noon in Loudi: the same calendar day in any zone the formatter uses.
    isoDay: (day) => base.date(new Date(`${day}T12:00:00+08:00`)),
  };
}
