import { describe, expect, it } from "vitest";
import { canonicalYuanSchema, centsToYuan, formatYuan, yuanAmountSchema, yuanToCents } from "./money";

const parse = (raw: string) => yuanAmountSchema.safeParse(raw);

describe("yuan amounts", () => {
  it.each([
    ["1200000", "1200000.00"],
    ["1,200,000.5", "1200000.50"],
    ["１２０００００", "1200000.00"],
    ["１，２００，０００．０５", "1200000.05"],
    ["¥ 800000", "800000.00"],
    ["￥800000元", "800000.00"],
    ["0.01", "0.01"],
    ["10000000000", "10000000000.00"],
  ])("reads %s as %s", (raw, canonical) => {
    expect(parse(raw)).toMatchObject({ success: true, data: canonical });
  });

  it.each(["", "0", "0.00", "-5", "1.234", "abc", "1e6", "10000000000.01", "99999999999999", "1..2", "12 万"])("refuses %j", (raw) => {
    const parsed = parse(raw);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe("yuanAmount");
  });

  it("keeps every cent (no float rounding)", () => {
    expect(yuanToCents("9999999999.99")).toBe(999999999999n);
    expect(centsToYuan(999999999999n)).toBe("9999999999.99");
    expect(canonicalYuanSchema.safeParse("9999999999.99").success).toBe(true);
    expect(canonicalYuanSchema.safeParse("01.00").success).toBe(false);
  });

  it("formats per locale with the yuan sign", () => {
    expect(formatYuan("1200000.50", "zh-CN")).toBe("¥1,200,000.50");
    expect(formatYuan("1200000.50", "en")).toMatch(/^CN¥1,200,000\.50$/);
  });
});
