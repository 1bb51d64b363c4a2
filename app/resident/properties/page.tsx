import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function ResidentPropertiesPage() {
  const actor = await requireActor("property.view_own", "/resident/properties");
  const t = await getTranslations("nav.resident");
  return (
    <Desk actor={actor} desk="resident" current="/resident/properties" title={t("properties")}>
      <ComingSoon />
    </Desk>
  );
}
