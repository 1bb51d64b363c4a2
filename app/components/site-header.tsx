import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { formAction } from "@/lib/dal/action";
import { getActor } from "@/lib/dal/auth/get-actor";
import { signOut } from "./actions";
import { LanguageSwitch } from "./language-switch";

export async function SiteHeader() {
  const t = await getTranslations("common");
  const tRoles = await getTranslations("roles");
  const actor = await getActor();
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-white no-underline hover:underline">
          {t("appName")}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <LanguageSwitch />
          {actor ? (
            <>
              <span className="text-sm">
                {t("signedInAs", { name: actor.displayName })} · {tRoles(actor.role)}
              </span>
              <Link href={ROLE_HOME[actor.role]} className="text-sm font-semibold text-white underline">
                {t("myHome")}
              </Link>
              <form action={formAction(signOut)}>
                <button type="submit" className="btn btn-quiet text-sm">
                  {t("signOut")}
                </button>
              </form>
            </>
          ) : (
            <Link href="/signin" className="text-sm font-semibold text-white underline">
              {t("signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
