import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { getActor } from "@/lib/dal/auth/get-actor";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata() {
  const t = await getTranslations("signUp");
  const tCommon = await getTranslations("common");
  return { title: t("title") };
}

export default async function SignUpPage() {
  const actor = await getActor();
  if (actor) redirect(ROLE_HOME[actor.role]);
  const t = await getTranslations("signUp");
  const tCommon = await getTranslations("common");
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>
      <SignUpForm />
      <p className="mt-8">
        {t("haveAccount")}{" "}
        <Link href="/signin" className="link">
          {tCommon("signIn")}
        </Link>
      </p>
    </div>
  );
}
