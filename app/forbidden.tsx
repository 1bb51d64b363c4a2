// Rendered by forbidden() (lib/dal/auth/get-actor.ts) with HTTP status 403.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { getActor } from "@/lib/dal/auth/get-actor";

export default async function Forbidden() {
  const t = await getTranslations("forbidden");
  const actor = await getActor();
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-lg">{t("body")}</p>
      <Link href={actor ? ROLE_HOME[actor.role] : "/"} className="link text-lg">
        {actor ? t("home") : t("start")}
      </Link>
    </div>
  );
}
