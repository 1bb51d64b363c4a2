// Staff enrol an authenticator app (TOTP) as a second sign-in factor; senior admins must,
// and until they have, this is the only page they can open.
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { getEnrollingActor, signInPath } from "@/lib/dal/auth/get-actor";
import { getTotpStatus } from "@/lib/dal/auth/get-totp-status";
import { getDb } from "@/lib/db";
import { confirmTotp, startTotp } from "./actions";
import { EnrolForm } from "./enrol-form";

export async function generateMetadata() {
  const t = await getTranslations("twoFactor");
  return { title: t("title") };
}

export default async function TwoFactorPage() {
  const actor = await getEnrollingActor();
  if (!actor) redirect(signInPath("/account/two-factor"));
  if (!can(actor, "totp.enrol")) forbidden();
  const t = await getTranslations("twoFactor");
  const status = await getTotpStatus(await getDb(), { actor });
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>
      {status.enabledAt ? (
        <p className="border-l-4 border-brand bg-panel p-3 font-semibold" data-testid="totp-enrolled">
          {t("enrolled", { date: status.enabledAt.toISOString().slice(0, 10) })}
        </p>
      ) : (
        <>
          {status.required ? (
            <p className="mb-6 border-l-4 border-danger bg-panel p-3 font-semibold" role="status">
              {t("required")}
            </p>
          ) : null}
          <EnrolForm start={startTotp} confirm={confirmTotp} />
        </>
      )}
    </div>
  );
}
