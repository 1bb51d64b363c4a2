import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function AdminLedgerPage() {
  const actor = await requireActor("ledger.health", "/admin/ledger");
  const t = await getTranslations("nav.admin");
  return (
    <Desk actor={actor} desk="admin" current="/admin/ledger" title={t("ledger")}>
      <ComingSoon />
    </Desk>
  );
}
