import { getLocale, getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { INSTITUTION_KINDS } from "@/drizzle/schema/credentials";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listApiKeys } from "@/lib/dal/credentials/list-api-keys";
import { getDb } from "@/lib/db";
import { createInstitutionKey, revokeInstitutionKey } from "./actions";
import { CreateKeyForm } from "./create-form";

export default async function AdminApiKeysPage() {
  const actor = await requireActor("institution.manage", "/admin/api-keys");
  const t = await getTranslations("apiKeys");
  const locale = await getLocale();
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  const keys = await listApiKeys(await getDb(), actor);
  const kinds = Object.fromEntries(INSTITUTION_KINDS.map((k) => [k, t(`kinds.${k}`)]));
  return (
    <Desk actor={actor} desk="admin" current="/admin/api-keys" title={t("title")}>
      <p className="mb-6 max-w-prose text-muted">{t("lead")}</p>
      <section className="mb-8 border-t-4 border-brand bg-panel p-4" aria-labelledby="create-h">
        <h2 id="create-h" className="mb-2 text-xl font-semibold">{t("create")}</h2>
        <CreateKeyForm action={createInstitutionKey} labels={{ institution: t("institution"), kind: t("kind"), kinds, create: t("create"), shownOnce: t("shownOnce") }} />
      </section>
      <h2 className="mb-2 text-xl font-semibold">{t("list")}</h2>
      {keys.length === 0 ? <p>{t("none")}</p> : null}
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th scope="col">{t("institution")}</th>
            <th scope="col">{t("kind")}</th>
            <th scope="col">{t("prefix")}</th>
            <th scope="col">{t("created")}</th>
            <th scope="col">{t("state")}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-key={k.id} data-status={k.revokedAt ? "revoked" : "active"}>
              <td>{k.institution}</td>
              <td>{kinds[k.kind] ?? k.kind}</td>
              <td className="font-mono">{k.keyPrefix}…</td>
              <td>{date.format(k.createdAt)}</td>
              <td>
                {k.revokedAt ? (
                  t("revokedAt", { at: date.format(k.revokedAt) })
                ) : (
                  <ActionForm action={revokeInstitutionKey} hidden={{ keyId: k.id }} label={t("revoke")} confirm={t("revokeConfirm")} variant="danger" doneMessage={t("revoked")} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Desk>
  );
}
