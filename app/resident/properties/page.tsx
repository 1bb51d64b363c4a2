import Link from "next/link";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { LOUDI_DISTRICTS } from "@/drizzle/schema/property";
import { formatYuan } from "@/contracts/shared/money";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { getShareLink } from "@/lib/dal/credentials/get-share-link";
import { listMyProperties } from "@/lib/dal/properties/list-my-properties";
import { getDb } from "@/lib/db";
import { ShareLink } from "./copy-link";
import { Parcel } from "./parcel";

export default async function ResidentPropertiesPage() {
  const actor = await requireActor("property.view_own", "/resident/properties");
  const t = await getTranslations("myProperties");
  const tRevisions = await getTranslations("adminRevisions");
  const nav = await getTranslations("nav.resident");
  const locale = await getLocale();
  const db = await getDb();
  const mine = await listMyProperties(db, { actor });
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  const shares = new Map<string, string>();
  // A second link for a mortgaged unit also discloses the secured amounts (e.g. for another bank).
  const amountShares = new Map<string, string>();
  for (const p of mine) {
    if (!p.credential) continue;
    const link = await getShareLink(db, actor, p.credential.id, ["holderNames"]);
    if (link) shares.set(p.credential.id, origin + link);
    if (p.securedAmounts.length === 0) continue;
    const withAmounts = await getShareLink(db, actor, p.credential.id, ["holderNames", "securedAmounts"]);
    if (withAmounts && withAmounts !== link) amountShares.set(p.credential.id, origin + withAmounts);
  }
  return (
    <Desk actor={actor} desk="resident" current="/resident/properties" title={nav("properties")}>
      {mine.length === 0 ? <p className="mt-4">{t("none")}</p> : null}
      <ul className="mt-4 space-y-8">
        {mine.map((p) => {
          const district = LOUDI_DISTRICTS.find((d) => d.code === p.district);
          return (
            <li key={p.unitNumber} className="border-t-4 border-brand bg-panel p-4" data-unit={p.unitNumber} data-status={p.status}>
              <div className="flex flex-wrap gap-4">
                <Parcel outline={p.outline} label={t("parcel", { unit: p.unitNumber })} />
                {/* At least 14rem wide: on a phone the text goes under the parcel, not beside it. */}
                <div className="min-w-[14rem] flex-1">
                  <h2 className="text-xl font-semibold">{p.address}</h2>
                  <p className="font-mono text-sm break-all">{p.unitNumber}</p>
                  <p className="mt-1">
                    <span className="font-semibold" data-testid="status">{t(`status.${p.status}`)}</span>
                  </p>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                    <dt>{t("area")}</dt>
                    <dd>{t("areaValue", { area: number.format(p.area) })}</dd>
                    <dt>{t("use")}</dt>
                    <dd>{t(`uses.${p.use}`)}</dd>
                    <dt>{t("district")}</dt>
                    <dd>{district ? (locale === "en" ? district.nameEn : district.nameZh) : p.district}</dd>
                    {p.securedAmounts.length > 0 ? (
                      <>
                        <dt>{t("securedAmount")}</dt>
                        <dd data-testid="secured-amount">{p.securedAmounts.map((a) => formatYuan(a, locale)).join("、")}</dd>
                      </>
                    ) : null}
                    <dt>{t("assessed")}</dt>
                    <dd data-testid="assessed">
                      {p.assessed.value === null
                        ? t("assessedNone")
                        : t("assessedValue", { value: number.format(p.assessed.value), perM2: number.format(p.assessed.medianPerM2!), n: p.assessed.sampleSize, since: p.assessed.since })}
                    </dd>
                  </dl>
                </div>
              </div>
              <h3 className="mt-4 font-semibold">{t("credential")}</h3>
              {p.credential ? (
                <div>
                  <p className="text-sm">
                    <Link className="link font-mono" href={`/verify/${encodeURIComponent(p.credential.id)}`}>
                      {p.credential.id}
                    </Link>{" "}
                    · {t("issued", { at: date.format(p.credential.issuedAt), seq: p.credential.ledgerSeq })}
                  </p>
                  <p className="mt-2">
                    <a className="link font-semibold" href={`/api/credentials/${encodeURIComponent(p.credential.id)}/pdf`} download data-testid="pdf">
                      {t("downloadPdf")}
                    </a>
                  </p>
                  {shares.has(p.credential.id) ? (
                    <ShareLink url={shares.get(p.credential.id)!} labels={{ share: t("share"), copy: t("copy"), copied: t("copied"), hint: t("shareHint") }} />
                  ) : null}
                  {amountShares.has(p.credential.id) ? (
                    <ShareLink
                      url={amountShares.get(p.credential.id)!}
                      labels={{ share: t("shareWithAmount"), copy: t("copy"), copied: t("copied"), hint: t("shareWithAmountHint") }}
                    />
                  ) : null}
                </div>
              ) : (
                <p>{t("noCredential")}</p>
              )}
              <h3 className="mt-4 font-semibold">{t("history")}</h3>
              {p.history.length === 0 ? (
                <p className="text-sm">{t("noHistory")}</p>
              ) : (
                <table className="mt-1 w-full text-sm">
                  <thead>
                    <tr className="text-left">
                      <th scope="col">{t("when")}</th>
                      <th scope="col">{t("what")}</th>
                      <th scope="col">{t("entry")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.history.map((e) => (
                      <tr key={e.seq} data-type={e.type}>
                        <td>{date.format(new Date(e.time))}</td>
                        <td>
                          {t.has(`types.${e.type}`) ? t(`types.${e.type}`) : e.type}
                          {e.kind && !e.revision ? ` · ${t.has(`kinds.${e.kind}`) ? t(`kinds.${e.kind}`) : e.kind}` : ""}
                          {e.revision ? (
                            <span data-testid="revision">
                              {" · "}
                              {tRevisions("historyLine", {
                                field: tRevisions(`fields.${e.revision.field}`),
                                before: String(e.revision.before ?? "—"),
                                after: String(e.revision.after ?? "—"),
                                reason: e.kind && tRevisions.has(`reasons.${e.kind}`) ? tRevisions(`reasons.${e.kind}`) : (e.kind ?? ""),
                              })}
                            </span>
                          ) : null}
                        </td>
                        <td>
                          <a className="link" href={`/api/ledger/entries/${e.seq}`}>
                            #{e.seq}
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ul>
    </Desk>
  );
}
