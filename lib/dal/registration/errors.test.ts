// Refusals of the flow reach the visitor in their language: defineAction shows a FlowError
// through `errors.flow.<code>` (values filled in) and its field errors through their keys, with
// the real message files of both locales. Every code the contracts can refuse with has a text.
import { describe, expect, it, vi } from "vitest";
import { createTranslator } from "next-intl";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { defineAction, type ActionDeps } from "@/lib/dal/action";
import { ACCESS_GRANT_ERROR_CODES } from "@/contracts/access-grant/access-grant";
import { REGISTRATION_ERROR_CODES } from "@/contracts/registration/registration";
import { VERIFICATION_ERROR_CODES } from "@/contracts/verification-request/verification-request";
import { checkDocumentBytes, checkFileName } from "./documents";
import { FlowError } from "./errors";
import { resolveParties } from "./parties";

vi.mock("next-intl/server", () => ({ getTranslations: vi.fn() }));

const clerk: Actor = { userId: "u1", role: "clerk", department: "registry", displayName: "c", login: "clerk.registry" };

function depsIn(locale: Locale): ActionDeps {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: "errors" });
  return {
    getActor: async () => clerk,
    translate: async () => (key, values) => (t.has(key as never) ? (t as (k: string, v?: Record<string, string | number>) => string)(key, values) : key),
    refuse: () => {
      throw new Error("refused");
    },
    signIn: () => {
      throw new Error("sign in");
    },
  };
}

const refusing = (error: unknown, locale: Locale) =>
  defineAction(z.object({}), "application.approve", async () => {
    throw error;
  }, depsIn(locale))(null, new FormData());

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("flow errors in the visitor's language", () => {
  it("shows a coded refusal and its field errors in Chinese and in English, values filled in", async () => {
    const mismatch = thrown(() => checkDocumentBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "application/pdf"));
    expect(mismatch).toBeInstanceOf(FlowError);
    const zh = await refusing(mismatch, "zh-CN");
    expect(zh).toMatchObject({ ok: false, fieldErrors: { file: ["文件内容与文件类型不符。"] } });
    expect(!zh.ok && zh.message).toMatch(/^文件声称是 application\/pdf，内容却是/);
    const en = await refusing(mismatch, "en");
    expect(!en.ok && en.message).toMatch(/^The file says it is application\/pdf but its content is/);

    const path = await refusing(thrown(() => checkFileName("../etc/passwd.pdf")), "zh-CN");
    expect(path).toMatchObject({ ok: false, message: "请重命名文件：该文件名无法接受。", fieldErrors: { fileName: ["文件名中不能含文件夹、“/”、“\\”或“..”。"] } });

    const id = await refusing(thrown(() => resolveParties([{ role: "seller", residentId: "431302198503150017" }])), "zh-CN");
    expect(id).toMatchObject({ ok: false, message: "请检查各方的公民身份号码。", fieldErrors: { "parties.0.residentId": [expect.stringMatching(/[\u4e00-\u9fff]/)] } });
  });

  it("falls back to the English sentence for a code nobody translated yet", async () => {
    const result = await refusing(new FlowError("SOMETHING_NEW", 409, "A sentence a person can act on."), "zh-CN");
    expect(result).toEqual({ ok: false, message: "A sentence a person can act on." });
  });

  it("has a text in both languages for every refusal code of the contracts", () => {
    const codes = new Set<string>([...REGISTRATION_ERROR_CODES, ...VERIFICATION_ERROR_CODES, ...ACCESS_GRANT_ERROR_CODES]);
    for (const locale of LOCALES) {
      const flow = (loadMessages(locale).errors as Record<string, Record<string, unknown>>).flow!;
      expect([...codes].filter((code) => typeof flow[code] !== "string"), locale).toEqual([]);
    }
  });
});
