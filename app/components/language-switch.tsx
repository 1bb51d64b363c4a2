// The visible language switch: a small form, so it works without JavaScript too; the
// choice is kept in the NEXT_LOCALE cookie (lib/i18n/config.ts).
import { getLocale, getTranslations } from "next-intl/server";
import { formAction } from "@/lib/dal/action";
import { LOCALES } from "@/lib/i18n/config";
import { setLocale } from "./actions";

export async function LanguageSwitch() {
  const t = await getTranslations("language");
  const current = await getLocale();
  const submit = formAction(setLocale);
  return (
    <form action={submit} className="flex items-center gap-1" aria-label={t("label")}>
      {LOCALES.map((locale) =>
        locale === current ? (
          <span key={locale} lang={locale} aria-current="true" className="px-2 py-1 font-semibold underline decoration-2 underline-offset-4">
            {t(locale)}
          </span>
        ) : (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-label={t("switchTo", { language: t(locale) })}
            className="btn btn-quiet text-sm"
          >
            {t(locale)}
          </button>
        ),
      )}
    </form>
  );
}
