import { describe, expect, it } from "vitest";
import { csvCell, neutraliseCell, toCsv } from "./csv";

describe("CSV export", () => {
  it("neutralises cells that a spreadsheet would evaluate as formulas", () => {
    for (const dangerous of ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "=HYPERLINK(\"http://x\")", "\t=1", "\r=1"]) {
      expect(neutraliseCell(dangerous)).toBe(`'${dangerous}`);
      expect(csvCell(dangerous).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    for (const harmless of ["transfer", "2026-11-01", "税务局", "a=b", ""]) expect(neutraliseCell(harmless)).toBe(harmless);
  });

  it("quotes commas, quotes and line breaks (RFC 4180), and writes numbers as numbers", () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
  });

  it("builds a UTF-8 CSV with a BOM and CRLF line ends", () => {
    const text = toCsv(["day", "kind", "n"], [["2026-11-01", "=evil()", 3]]);
    expect(text).toBe("\uFEFFday,kind,n\r\n2026-11-01,'=evil(),3\r\n");
  });
});
