// Account settings for a resident: where case notifications go. SMS always goes to the
// sign-in phone; email only when an address is given here (encrypted at rest, like the phone).
import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { getNotificationEmail } from "@/lib/dal/auth/notification-email";
import { getDb } from "@/lib/db";
import { saveNotificationEmail } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("accountSettings");
  return { title: t("title") };
}

export default async function AccountSettingsPage() {
  const actor = await requireActor("application.view_own", "/resident/account");
  const t = await getTranslations("accountSettings");
  const email = await getNotificationEmail(await getDb(), { actor });
  return (
    <Desk actor={actor} desk="resident" current="/resident/account" title={t("title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>
      <section aria-labelledby="notify-h" className="max-w-prose">
        <h2 id="notify-h" className="mb-2 text-xl font-semibold">{t("notifications")}</h2>
        <p className="mb-4" data-testid="email-status">{email ? t("emailOn", { email }) : t("emailOff")}</p>
        <ActionForm action={saveNotificationEmail} label={t("save")} pendingLabel={t("saving")} doneMessage={t("saved")}>
          <div>
            <label htmlFor="notify-email" className="mb-1 block font-semibold">{t("email")}</label>
            <p id="notify-email-hint" className="mb-1 text-sm text-muted">{t("emailHint")}</p>
            <input id="notify-email" name="email" type="email" autoComplete="email" defaultValue={email} aria-describedby="notify-email-hint" className="field-input" />
          </div>
        </ActionForm>
      </section>
    </Desk>
  );
}
