// One ledger entry, public: its fields as signed (actor and subject are opaque references;
// the payload carries no personal data by the ledger's rules), the stored hashes and key,
// and links to the same entry and its inclusion proof in the public API (DESIGN.md §5).
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { formatters } from "@/app/components/format";
import { getEntryDetail, isDepartmentCode } from "@/lib/dal/ledger-explorer/explore-ledger";
import { getDb } from "@/lib/db";

export default async function LedgerEntryPage({ params }: { params: Promise<{ seq: string }> }) {
  const { seq: seqText } = await params;
  if (!/^(0|[1-9]\d{0,14})$/.test(seqText)) notFound();
  const t = await getTranslations("ledgerExplorer");
  const td = await getTranslations("departments");
  const f = formatters(await getLocale());
  const entry = await getEntryDetail(await getDb(), Number(seqText));
  if (!entry) notFound();
  const department = isDepartmentCode(entry.department) ? td(entry.department) : entry.department;
  const proofHref = entry.proofSize === null ? null : `/api/ledger/proof/inclusion?seq=${entry.seq}&size=${entry.proofSize}`;
  const field = (label: string, value: React.ReactNode, mono = false) => (
    <>
      <dt className="font-semibold">{label}</dt>
      <dd className={mono ? "break-all font-mono text-sm" : undefined}>{value}</dd>
    </>
  );
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <p className="mb-2">
        <Link className="link" href="/ledger">
          {t("detail.back")}
        </Link>
      </p>
      <h1 className="mb-4 text-3xl font-bold">{t("detail.title", { seq: entry.seq })}</h1>
      <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2" data-testid="entry-fields">
        {field(t("entries.type"), entry.type, true)}
        {field(t("detail.contract"), entry.contract, true)}
        {field(t("entries.department"), department)}
        {field(t("detail.time"), <time dateTime={entry.time}>{f.dateTime(new Date(entry.time))}</time>)}
        {field(t("detail.actor"), entry.actor, true)}
        {field(t("entries.subject"), entry.subject, true)}
        {field(t("detail.keyName"), entry.keyName, true)}
        {field(t("detail.leafHash"), entry.leafHash, true)}
        {field(t("detail.prev"), entry.prev || t("detail.first"), true)}
      </dl>
      <p className="mb-4 max-w-prose text-sm text-muted">{t("detail.opaque")}</p>
      <h2 className="mb-2 text-xl font-semibold">{t("detail.payload")}</h2>
      <pre className="mb-6 overflow-x-auto bg-panel p-3 text-sm" data-testid="entry-payload">
        {entry.payload}
      </pre>
      <h2 className="mb-2 text-xl font-semibold">{t("detail.verifyTitle")}</h2>
      <ul className="mb-6 list-disc space-y-1 pl-5">
        <li>
          <a className="link" href={`/api/ledger/entries/${entry.seq}`}>
            {t("detail.entryJson")}
          </a>
        </li>
        <li>
          {proofHref ? (
            <a className="link" href={proofHref} data-testid="inclusion-proof">
              {t("detail.inclusionProof", { size: f.number(entry.proofSize!) })}
            </a>
          ) : (
            t("detail.notYetIncluded")
          )}
        </li>
        <li>
          <a className="link" href="/api/ledger/checkpoint">
            {t("summary.checkpointText")}
          </a>
        </li>
      </ul>
      <details className="mb-6">
        <summary className="cursor-pointer">{t("detail.canonical")}</summary>
        <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all bg-panel p-3 text-xs">{entry.canonical}</pre>
      </details>
      <h2 className="mb-2 text-xl font-semibold">{t("detail.related")}</h2>
      {entry.related.length === 0 ? (
        <p>{t("detail.noRelated")}</p>
      ) : (
        <ul className="list-disc pl-5">
          {entry.related.map((r) => (
            <li key={r.seq}>
              <Link className="link" href={`/ledger/entries/${r.seq}`}>
                {r.seq}
              </Link>{" "}
              <span className="font-mono">{r.type}</span> · {f.dateTime(r.time)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
