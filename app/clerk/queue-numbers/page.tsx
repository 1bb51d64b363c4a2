import { getTranslations } from "next-intl/server";
import { ComingSoon, Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";

export default async function ClerkQueueNumbersPage() {
  const actor = await requireActor("queue_number.call", "/clerk/queue-numbers");
  const t = await getTranslations("nav.clerk");
  return (
    <Desk actor={actor} desk="clerk" current="/clerk/queue-numbers" title={t("queueNumbers")}>
      <ComingSoon />
    </Desk>
  );
}
