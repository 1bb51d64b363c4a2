// CSV export of dashboard tables (RFC 4180: comma-separated, CRLF line ends, fields with a
// comma, quote or line break quoted, quotes doubled), with spreadsheet formula injection
// neutralised (OWASP "CSV Injection"): a text cell that starts with = + - @ (or a tab or
// carriage return, which some spreadsheets strip before looking) gets a leading apostrophe,
// so it is shown as text and never evaluated. Numbers are written as numbers.
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = neutraliseCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  // A byte order mark, so spreadsheet programs read the Chinese headers as UTF-8.
  return "\uFEFF" + [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
