import { describe, expect, it } from "vitest";
import { hasHiddenCharacters, plainText } from "./plain-text";

describe("hasHiddenCharacters", () => {
  it("finds bidirectional controls, zero-width characters and control characters", () => {
    for (const text of ["a\u202Eb", "a\u202Ab", "a\u2066b", "a\u2069b", "a\u200Eb", "a\u061Cb", "a\u200Bb", "a\u200Cb", "a\u200Db", "a\u2060b", "a\uFEFFb", "a\u0000b", "a\u001Bb", "a\u0085b", "a\u00ADb"]) {
      expect(hasHiddenCharacters(text), JSON.stringify(text)).toBe(true);
    }
  });
  it("lets through what people write: Chinese, full-width punctuation, emoji-free names, line breaks in notes", () => {
    for (const text of ["(2026)湘1302执123号", "王小明", "Zhang·Wei", "购房合同（第二版）.pdf", "１２３", "O'Brien-Smith"]) expect(hasHiddenCharacters(text)).toBe(false);
    expect(hasHiddenCharacters("line one\nline two\r\n\tindented", { multiline: true })).toBe(false);
    expect(hasHiddenCharacters("line one\nline two")).toBe(true);
  });
});

describe("plainText", () => {
  it("trims, bounds and refuses hidden characters with the errors.hiddenCharacters key", () => {
    const note = plainText({ min: 3, max: 10, multiline: true });
    expect(note.parse("  a\nb c  ")).toBe("a\nb c");
    const refused = note.safeParse("ab\u202Ecd");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("hiddenCharacters");
    expect(note.safeParse("ab").success).toBe(false);
    expect(note.safeParse("x".repeat(11)).success).toBe(false);
    expect(plainText({ max: 60 }).safeParse("a\nb").success).toBe(false);
  });
});
