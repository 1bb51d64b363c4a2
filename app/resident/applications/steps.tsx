// The guided form's step indicator: kind → unit → parties → documents → review.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export const STEPS = ["kind", "unit", "parties", "documents", "review"] as const;
export type Step = (typeof STEPS)[number];

/** Kinds a resident files online (seizures are the court's). */
export const RESIDENT_KINDS = ["transfer", "first_registration", "mortgage", "mortgage_release"] as const;

export async function StepIndicator({ current, applicationId }: { current: Step; applicationId?: string }) {
  const t = await getTranslations("flow.steps");
  const n = STEPS.indexOf(current) + 1;
  return (
    <nav aria-label={t("stepOf", { n, total: STEPS.length, name: t(current) })} className="mb-6">
      <p className="mb-2 text-lg font-semibold">{t("stepOf", { n, total: STEPS.length, name: t(current) })}</p>
      <ol className="flex flex-wrap gap-2 text-sm">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === current ? "step" : undefined} className={`px-2 py-1 ${s === current ? "bg-brand font-semibold text-white" : "bg-panel"}`}>
            {applicationId && s !== "kind" && i < n - 1 ? (
              <Link className="link" href={`/resident/applications/${applicationId}/edit?step=${s}`}>
                {i + 1}. {t(s)}
              </Link>
            ) : (
              <span>
                {i + 1}. {t(s)}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
