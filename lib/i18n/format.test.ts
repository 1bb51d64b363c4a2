import { describe, expect, it } from "vitest";
import { formatters } from "./format";

describe("formatters", () => {
  const zh = formatters("zh-CN");
  const en = formatters("en");
  it("shows times in China Standard Time, worded per locale", () => {
    expect(zh.dateTime("2026-11-01T00:30:00Z")).toBe("2026年11月1日 08:30");
    expect(en.dateTime("2026-11-01T00:30:00Z")).toBe("1 Nov 2026, 08:30");
    expect(en.date(new Date("2026-11-01T17:00:00Z"))).toBe("2 Nov 2026");
    expect(zh.time("2026-11-01T01:05:00Z")).toBe("09:05");
  });
  it("shows a dash for a missing or broken time", () => {
    expect(zh.dateTime(null)).toBe("—");
    expect(en.dateTime("not a date")).toBe("—");
  });
  it("formats yuan with ¥ and grouping in both languages", () => {
    expect(zh.money(1234567)).toBe("¥1,234,567");
    expect(en.money(1234567)).toBe("¥1,234,567");
    expect(en.money(12.5)).toBe("¥12.50");
  });
  it("formats areas in m²", () => {
    expect(zh.area(89.456)).toBe("89.46 m²");
    expect(en.area(1200)).toBe("1,200 m²");
    expect(en.area(undefined)).toBe("—");
  });
});
