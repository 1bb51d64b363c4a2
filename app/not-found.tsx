import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-lg">{t("body")}</p>
      <Link href="/" className="link text-lg">
        {t("home")}
      </Link>
    </div>
  );
}
