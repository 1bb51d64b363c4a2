import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function DepartmentStandingRulesPage() {
  const actor = await requireActor("standing_rule.manage", "/department/standing-rules");
  const t = await getTranslations("nav.department");
  return (
    <Desk actor={actor} desk="department" current="/department/standing-rules" title={t("standingRules")}>
      <ComingSoon />
    </Desk>
  );
}
