import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function ResidentAccessLogPage() {
  const actor = await requireActor("access_log.view_own", "/resident/access-log");
  const t = await getTranslations("nav.resident");
  return (
    <Desk actor={actor} desk="resident" current="/resident/access-log" title={t("accessLog")}>
      <ComingSoon />
    </Desk>
  );
}
