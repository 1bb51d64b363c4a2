// /verify: enter a credential id, scan its QR code (where the browser offers BarcodeDetector)
// or upload a photo of it. Works without JavaScript too: the form is a plain GET.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyForm } from "./verify-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verify");
  return { title: t("title") };
}

export default async function VerifyPage() {
  const t = await getTranslations("verify");
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-8 max-w-prose text-lg text-muted">{t("lead")}</p>
      <VerifyForm />
    </div>
  );
}
