import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en/requestRefusals.json";
import zhCN from "@/lib/i18n/messages/zh-CN/requestRefusals.json";
import { refusalMessage } from "./refusal-messages";

describe("refusalMessage", () => {
  it("answers in the locale cookie's language, Chinese when there is none or it is unknown", () => {
    expect(refusalMessage("tooLarge", "en")).toBe(en.tooLarge);
    expect(refusalMessage("tooLarge", "zh-CN")).toBe(zhCN.tooLarge);
    for (const cookie of [undefined, "", "fr", "en-GB"]) expect(refusalMessage("crossSite", cookie)).toBe(zhCN.crossSite);
    expect(en.undecodable).not.toBe(zhCN.undecodable);
  });
});
