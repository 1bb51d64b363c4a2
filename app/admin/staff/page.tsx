import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function AdminStaffPage() {
  const actor = await requireActor("staff.manage", "/admin/staff");
  const t = await getTranslations("nav.admin");
  return (
    <Desk actor={actor} desk="admin" current="/admin/staff" title={t("staff")}>
      <ComingSoon />
    </Desk>
  );
}
