import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function AdminRulesPage() {
  const actor = await requireActor("rules.publish", "/admin/rules");
  const t = await getTranslations("nav.admin");
  return (
    <Desk actor={actor} desk="admin" current="/admin/rules" title={t("rules")}>
      <ComingSoon />
    </Desk>
  );
}
