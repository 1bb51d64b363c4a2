// Locale-aware formatting of the values the portal shows: times, dates, money (yuan) and
// floor areas. One place, so a page never hand-formats an ISO string or a number.
// Times are shown in China Standard Time: the registration centre's clock, whoever reads.
import type { Locale } from "./config";

export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

type When = string | Date | null | undefined;

function toDate(value: When): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface Formatters {
  /** Date and time, e.g. 2026年11月1日 08:00 / 1 Nov 2026, 08:00; "—" when absent. */
  dateTime(value: When): string;
  /** Date only. */
  date(value: When): string;
  /** Time of day only (hours and minutes). */
  time(value: When): string;
  /** Yuan with the ¥ sign and grouping; whole yuan unless the amount has fen. */
  money(yuan: number | null | undefined): string;
  /** Floor area in m² (up to two decimals). */
  area(squareMetres: number | null | undefined): string;
  /** A plain number with the locale's grouping. */
  number(value: number | null | undefined): string;
}

const NONE = "—";

export function formatters(locale: Locale | string): Formatters {
  const tag = locale === "en" ? "en-GB" : "zh-CN";
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: DISPLAY_TIME_ZONE });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: DISPLAY_TIME_ZONE });
  const time = new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: DISPLAY_TIME_ZONE });
  const whole = new Intl.NumberFormat(tag, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", maximumFractionDigits: 0 });
  const cents = new Intl.NumberFormat(tag, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", minimumFractionDigits: 2 });
  const area = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const number = new Intl.NumberFormat(tag);
  const when = (f: Intl.DateTimeFormat) => (value: When) => {
    const d = toDate(value);
    return d ? f.format(d) : NONE;
  };
  return {
    dateTime: when(dateTime),
    date: when(date),
    time: when(time),
    money: (yuan) => (yuan === null || yuan === undefined || !Number.isFinite(yuan) ? NONE : (Number.isInteger(yuan) ? whole : cents).format(yuan)),
    area: (m2) => (m2 === null || m2 === undefined || !Number.isFinite(m2) ? NONE : `${area.format(m2)} m²`),
    number: (n) => (n === null || n === undefined || !Number.isFinite(n) ? NONE : number.format(n)),
  };
}
