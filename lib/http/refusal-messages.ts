// The sentences proxy.ts answers with when it refuses a request before any page, action or
// route runs, in the visitor's language (the NEXT_LOCALE cookie; zh-CN otherwise). The proxy
// cannot use next-intl, so it reads the requestRefusals namespace directly.
import en from "@/lib/i18n/messages/en/requestRefusals.json";
import zhCN from "@/lib/i18n/messages/zh-CN/requestRefusals.json";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";

const MESSAGES: Record<Locale, typeof en> = { en, "zh-CN": zhCN };

export type Refusal = keyof typeof en;

/** The refusal's sentence for a visitor whose locale cookie says `cookieLocale`. */
export function refusalMessage(refusal: Refusal, cookieLocale: string | undefined): string {
  return MESSAGES[isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE][refusal];
}
