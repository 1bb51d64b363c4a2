// /progress: progress query without signing in (进度查询). Status only; see
// lib/dal/registration/query-progress.ts for what is compared and why.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProgressForm } from "./progress-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("progressQuery");
  return { title: t("title") };
}

const STATUSES = ["awaiting_counterparty", "submitted", "in_review", "checks_pending", "more_material_requested", "ready_for_decision", "approved", "rejected", "withdrawn"] as const;

export default async function ProgressQueryPage() {
  const t = await getTranslations("progressQuery");
  const tFlow = await getTranslations("flow.statuses");
  const labels = Object.fromEntries(STATUSES.map((s) => [s, tFlow(s)]));
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-8 max-w-prose text-lg text-muted">{t("lead")}</p>
      <ProgressForm statusLabels={labels} />
      <p className="mt-10 max-w-prose text-sm text-muted">
        {t("privacy")}{" "}
        <Link className="link" href="/signin">{t("signIn")}</Link>
      </p>
    </div>
  );
}
