import Link from "next/link";
import { getTranslations } from "next-intl/server";

const SERVICES = ["submit", "progress", "queue", "credential", "verify", "accessLog"] as const;
const STEPS = ["one", "two", "three", "four"] as const;
/** Where each service starts (a signed-in page sends a visitor to sign in and back). */
const SERVICE_PATHS: Record<(typeof SERVICES)[number], string> = {
  submit: "/resident/applications/new",
  progress: "/progress",
  queue: "/resident/queue-numbers",
  credential: "/resident/properties",
  verify: "/verify",
  accessLog: "/resident/access-log",
};

export default async function HomePage() {
  const t = await getTranslations("home");
  const tLedger = await getTranslations("ledgerExplorer");
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <section aria-labelledby="home-title" className="mb-12">
        <h1 id="home-title" className="mb-4 max-w-3xl text-4xl font-bold leading-tight">
          {t("title")}
        </h1>
        <p className="mb-6 max-w-prose text-xl text-muted">{t("lead")}</p>
        <div className="flex flex-wrap gap-3">
          <Link href="/signup" className="btn btn-primary">
            {t("start")}
          </Link>
          <Link href="/signin" className="btn btn-secondary">
            {t("signIn")}
          </Link>
          <Link href="/verify" className="btn btn-secondary">
            {t("verify")}
          </Link>
          <Link href="/ledger" className="btn btn-secondary">
            {tLedger("homeLink")}
          </Link>
        </div>
      </section>

      <section aria-labelledby="services-title" className="mb-12">
        <h2 id="services-title" className="mb-4 text-2xl font-bold">
          {t("servicesTitle")}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {SERVICES.map((service) => (
            <li key={service} className="border-t-4 border-brand bg-panel p-4">
              <h3 className="mb-2 text-lg font-semibold">
                <Link href={SERVICE_PATHS[service]} className="link">
                  {t(`services.${service}.title`)}
                </Link>
              </h3>
              <p>{t(`services.${service}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-title" className="mb-12">
        <h2 id="how-title" className="mb-4 text-2xl font-bold">
          {t("howTitle")}
        </h2>
        <ol className="max-w-prose list-decimal space-y-2 pl-6 text-lg">
          {STEPS.map((step) => (
            <li key={step}>{t(`how.${step}`)}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="staff-title">
        <h2 id="staff-title" className="mb-2 text-2xl font-bold">
          {t("staffTitle")}
        </h2>
        <p className="max-w-prose">
          {t("staffBody")}{" "}
          <Link href="/signin" className="link">
            {t("signIn")}
          </Link>
        </p>
      </section>
    </div>
  );
}
