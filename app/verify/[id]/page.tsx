// /verify/{id}: the public verify page (DESIGN.md §6). The proof bundle is rendered into the
// page and checked in the browser (verify-client.tsx), so the verdict does not depend on
// trusting this server, and it still works with the network cut after load.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db";
import { LOUDI_DISTRICTS } from "@/lib/db/schema";
import { getVerifyBundle } from "@/lib/dal/credentials/get-verify-bundle";
import { VerifyClient } from "./verify-client";

// The status is live: never a cached page.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verify");
  return { title: t("title"), robots: { index: false } };
}

export default async function VerifyCredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const id = safeDecode(rawId);
  const t = await getTranslations("verify");
  const locale = await getLocale();
  const data = await getVerifyBundle(await getDb(), id);
  const districtNames = Object.fromEntries(LOUDI_DISTRICTS.map((d) => [d.code, locale === "en" ? d.nameEn : d.nameZh]));
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 break-all text-muted">
        {t("credentialId")}: <span className="font-mono text-ink">{id}</span>
      </p>
      <VerifyClient id={id} data={data} districtNames={districtNames} />
      <p className="mt-10 flex flex-wrap gap-4">
        <Link href="/verify" className="link">
          {t("another")}
        </Link>
        <Link href="/developers" className="link">
          {t("howItWorks")}
        </Link>
      </p>
    </div>
  );
}

/** Route params may arrive still percent-encoded; a stray "%" must give "unknown", never a 500. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
