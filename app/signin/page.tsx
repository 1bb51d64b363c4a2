import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { getActor, isLocalPath } from "@/lib/dal/auth/get-actor";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata() {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = typeof callbackUrl === "string" && isLocalPath(callbackUrl) ? callbackUrl : undefined;
  // Signed in already (or just now, by the form): straight on to where they were going.
  const actor = await getActor();
  if (actor) redirect(returnTo ?? ROLE_HOME[actor.role]);

  const t = await getTranslations("signIn");
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>
      <SignInForm returnTo={returnTo ?? null} />
      <p className="mt-8">
        {t("noAccount")}{" "}
        <Link href="/signup" className="link">
          {t("createAccount")}
        </Link>
      </p>
    </div>
  );
}
