// Amounts of money in yuan (CNY), e.g. a mortgage's secured principal (被担保主债权数额).
// One canonical form everywhere: a decimal string with exactly two places ("1200000.00"), so
// the same amount always has the same bytes (it is hashed into a keyed ref) and no float
// ever rounds a cent away. Pure: the contracts, the data-access layer and the forms share it.
import { z } from "zod";

/** 100 亿元: far above any mortgage on a home or shop; a typo with extra zeros is refused. */
export const MAX_YUAN_CENTS = 10_000_000_000n * 100n;

/** What people type: full-width digits and point (１２０．５), thousands separators
 * (1,200,000 / 1，200，000), spaces, a leading ¥ or ￥ and a trailing 元. */
export function foldYuanInput(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF0E\u3002]/g, ".")
    .replace(/[,\uFF0C\s]/g, "")
    .replace(/^[¥\uFFE5]/, "")
    .replace(/元$/, "");
}

/** Parses a yuan amount into integer cents; null when it is not a positive amount with at most
 * two decimal places within MAX_YUAN_CENTS. */
export function yuanToCents(raw: string): bigint | null {
  const folded = foldYuanInput(raw);
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(folded);
  if (!match) return null;
  const cents = BigInt(match[1]!) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  if (cents <= 0n || cents > MAX_YUAN_CENTS) return null;
  return cents;
}

/** Integer cents as the canonical decimal string ("1200000.00"). */
export function centsToYuan(cents: bigint): string {
  const whole = cents / 100n;
  const frac = (cents % 100n).toString().padStart(2, "0");
  return `${whole}.${frac}`;
}

/** A form field or command value → the canonical yuan string; refuses with the `errors.yuanAmount` message. */
export const yuanAmountSchema = z
  .string()
  .max(40, "yuanAmount")
  .transform((raw, ctx) => {
    const cents = yuanToCents(raw);
    if (cents === null) {
      // The message is an `errors.*` key (lib/i18n/messages/<locale>/errors.json), shown in the visitor's language.
      ctx.addIssue({ code: "custom", message: "yuanAmount" });
      return z.NEVER;
    }
    return centsToYuan(cents);
  });

/** Already canonical (what a stored form or a credential claim holds). */
export const canonicalYuanSchema = z.string().regex(/^(0|[1-9]\d{0,12})\.\d{2}$/, "expected a canonical yuan amount like 1200000.00");

export { formatYuan } from "./money-format";
