// Display of a canonical yuan amount ("1200000.50", see money.ts) per locale. No zod here:
// the public verify page imports it and ships nothing it does not need.

/** "¥1,200,000.50" (zh-CN), "CN¥1,200,000.50" (en); anything not canonical is shown as it is. */
export function formatYuan(canonical: string, locale: string): string {
  const match = /^(\d{1,13})\.(\d{2})$/.exec(canonical);
  if (!match) return canonical;
  const format = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Whole yuan and cents apart, so no amount the schema allows loses a cent to float rounding.
  return format.format(Number(match[1]) + Number(match[2]) / 100);
}
