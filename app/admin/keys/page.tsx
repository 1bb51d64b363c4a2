import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function AdminKeysPage() {
  const actor = await requireActor("keys.rotate", "/admin/keys");
  const t = await getTranslations("nav.admin");
  return (
    <Desk actor={actor} desk="admin" current="/admin/keys" title={t("keys")}>
      <ComingSoon />
    </Desk>
  );
}
