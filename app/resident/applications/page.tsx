import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function ResidentApplicationsPage() {
  const actor = await requireActor("application.view_own", "/resident/applications");
  const t = await getTranslations("nav.resident");
  return (
    <Desk actor={actor} desk="resident" current="/resident/applications" title={t("applications")}>
      <ComingSoon />
    </Desk>
  );
}
