// The public ledger explorer (no sign-in): checkpoints over time, entry counts by type and
// department, and the entries themselves, newest first, linking to each entry's detail.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Chart, ChartFigure } from "@/app/components/chart";
import { Pager, pageParam } from "@/app/components/flow/pager";
import { formatters } from "@/app/components/format";
import { getLedgerOverview, isDepartmentCode, listCheckpoints, listEntries } from "@/lib/dal/ledger-explorer/explore-ledger";
import { getDb } from "@/lib/db";
import { DEPARTMENT_CODES } from "@/lib/db/schema";

type Search = Record<string, string | string[] | undefined>;

const filterSchema = z.object({
  type: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9_.]*$/, "type")
    .optional()
    .transform((v) => v || undefined),
  department: z
    .string()
    .optional()
    .refine((v) => !v || isDepartmentCode(v), "department")
    .transform((v) => (v && isDepartmentCode(v) ? v : undefined)),
  seq: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^(0|[1-9]\d{0,14})$/.test(v), "seq"),
});

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LedgerExplorerPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const t = await getTranslations("ledgerExplorer");
  const td = await getTranslations("departments");
  const f = formatters(await getLocale());
  const parsed = filterSchema.safeParse({ type: one(params.type), department: one(params.department), seq: one(params.seq) });
  const filter = parsed.success ? parsed.data : { type: undefined, department: undefined, seq: undefined };
  if (parsed.success && filter.seq) redirect(`/ledger/entries/${filter.seq}`);
  const errors = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];

  const db = await getDb();
  const [overview, checkpoints, entries] = await Promise.all([
    getLedgerOverview(db),
    listCheckpoints(db, { page: pageParam(params.cpage), pageSize: 10 }),
    listEntries(db, { type: filter.type, department: filter.department, page: pageParam(params.page), pageSize: 25 }),
  ]);
  const departmentName = (code: string) => (isDepartmentCode(code) ? td(code) : code);

  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>

      <section aria-labelledby="summary-h" className="mb-8 border-t-4 border-brand bg-panel p-4">
        <h2 id="summary-h" className="sr-only">{t("summary.title")}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">{t("summary.entries")}</dt>
          <dd data-testid="tree-size">{f.number(overview.treeSize)}</dd>
          <dt className="font-semibold">{t("summary.latest")}</dt>
          <dd>
            {overview.latest
              ? t(overview.latest.witnessed ? "summary.latestWitnessed" : "summary.latestUnwitnessed", { size: f.number(overview.latest.treeSize) })
              : t("summary.noCheckpoint")}{" "}
            {overview.latest ? (
              <a className="link" href="/api/ledger/checkpoint">
                {t("summary.checkpointText")}
              </a>
            ) : null}
          </dd>
          {overview.firstEntryAt && overview.lastEntryAt ? (
            <>
              <dt className="font-semibold">{t("summary.span")}</dt>
              <dd>{t("summary.spanValue", { from: f.dateTime(overview.firstEntryAt), to: f.dateTime(overview.lastEntryAt) })}</dd>
            </>
          ) : null}
        </dl>
        <form action="/ledger" method="get" className="mt-4 flex flex-wrap items-end gap-2">
          <label className="flex flex-col">
            <span className="font-semibold">{t("jump.label")}</span>
            <input name="seq" inputMode="numeric" pattern="[0-9]*" className="field-input w-40" aria-describedby="jump-hint" />
          </label>
          <button type="submit" className="btn btn-secondary">
            {t("jump.go")}
          </button>
          <span id="jump-hint" className="w-full text-sm text-muted">
            {t("jump.hint")}
          </span>
        </form>
      </section>

      {overview.treeSize === 0 ? <p className="mb-8 border-l-4 border-brand bg-panel p-4">{t("empty")}</p> : null}

      <section aria-labelledby="checkpoints-h" className="mb-8">
        <h2 id="checkpoints-h" className="mb-2 text-2xl font-semibold">{t("checkpoints.title")}</h2>
        {overview.checkpointDays.length === 0 ? (
          <p>{t("checkpoints.none")}</p>
        ) : (
          <ChartFigure
            caption={t("checkpoints.chartCaption", { days: overview.checkpointDays.length })}
            chart={
              <Chart
                kind="line"
                xKey="day"
                label={t("checkpoints.chartLabel", {
                  first: f.isoDay(overview.checkpointDays[0]!.day),
                  last: f.isoDay(overview.checkpointDays.at(-1)!.day),
                  size: f.number(overview.checkpointDays.at(-1)!.treeSize),
                })}
                data={overview.checkpointDays.map((d) => ({ day: d.day, treeSize: d.treeSize }))}
                series={[{ key: "treeSize", label: t("checkpoints.treeSize") }]}
              />
            }
            alternative={
              <details className="mt-2">
                <summary className="cursor-pointer">{t("tableAlternative")}</summary>
                <table className="mt-2 w-full text-sm">
                  <thead>
                    <tr className="text-left">
                      <th scope="col">{t("checkpoints.day")}</th>
                      <th scope="col">{t("checkpoints.published")}</th>
                      <th scope="col">{t("checkpoints.treeSize")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {overview.checkpointDays.map((d) => (
                      <tr key={d.day}>
                        <td>{f.isoDay(d.day)}</td>
                        <td>{f.number(d.checkpoints)}</td>
                        <td>{f.number(d.treeSize)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            }
          />
        )}
        {checkpoints.items.length > 0 ? (
          <>
            <table className="w-full text-sm" data-testid="checkpoint-list">
              <caption className="text-left font-semibold">{t("checkpoints.listCaption")}</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col">{t("checkpoints.treeSize")}</th>
                  <th scope="col">{t("checkpoints.at")}</th>
                  <th scope="col">{t("checkpoints.cosignatures")}</th>
                  <th scope="col">{t("checkpoints.root")}</th>
                </tr>
              </thead>
              <tbody>
                {checkpoints.items.map((c) => (
                  <tr key={c.treeSize}>
                    <td>{f.number(c.treeSize)}</td>
                    <td>{f.dateTime(c.createdAt)}</td>
                    <td>
                      {f.number(c.cosignatures)} {c.witnessed ? `(${t("checkpoints.witnessed")})` : ""}
                    </td>
                    <td className="break-all font-mono text-xs">{c.rootHash}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager path="/ledger" params={params} page={checkpoints.page} pageSize={checkpoints.pageSize} total={checkpoints.total} pageKey="cpage" />
          </>
        ) : null}
      </section>

      <section aria-labelledby="counts-h" className="mb-8 grid gap-6 md:grid-cols-2">
        <h2 id="counts-h" className="text-2xl font-semibold md:col-span-2">
          {t("counts.title")}
        </h2>
        <CountTable
          caption={t("counts.byType")}
          head={t("counts.type")}
          entriesLabel={t("counts.entries")}
          rows={overview.byType.map((r) => ({ key: r.type, label: r.type, href: `/ledger?type=${encodeURIComponent(r.type)}`, entries: r.entries, mono: true }))}
          empty={t("counts.none")}
          f={f}
          testId="counts-by-type"
        />
        <CountTable
          caption={t("counts.byDepartment")}
          head={t("counts.department")}
          entriesLabel={t("counts.entries")}
          rows={overview.byDepartment.map((r) => ({ key: r.department, label: departmentName(r.department), href: `/ledger?department=${r.department}`, entries: r.entries }))}
          empty={t("counts.none")}
          f={f}
          testId="counts-by-department"
        />
      </section>

      <section aria-labelledby="entries-h">
        <h2 id="entries-h" className="mb-2 text-2xl font-semibold">{t("entries.title")}</h2>
        <form action="/ledger" method="get" className="mb-3 flex flex-wrap items-end gap-3" aria-describedby={errors.length > 0 ? "filter-errors" : undefined}>
          <label className="flex flex-col">
            <span className="font-semibold">{t("entries.type")}</span>
            <input name="type" defaultValue={one(params.type) ?? ""} className="field-input" aria-invalid={errors.includes("type") || undefined} />
          </label>
          <label className="flex flex-col">
            <span className="font-semibold">{t("entries.department")}</span>
            <select name="department" defaultValue={filter.department ?? ""} className="field-input">
              <option value="">{t("entries.allDepartments")}</option>
              {DEPARTMENT_CODES.map((code) => (
                <option key={code} value={code}>
                  {td(code)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn-secondary">
            {t("entries.filter")}
          </button>
        </form>
        {errors.length > 0 ? (
          <div id="filter-errors" role="alert" className="mb-3 border-l-4 border-danger pl-3 font-semibold text-danger">
            {errors.map((field) => (
              <p key={field}>{t(`errors.${field}`)}</p>
            ))}
          </div>
        ) : null}
        {entries.items.length === 0 ? (
          <p data-testid="no-entries">{t("entries.none")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="entry-list">
            <thead>
              <tr className="text-left">
                <th scope="col">{t("entries.seq")}</th>
                <th scope="col">{t("entries.type")}</th>
                <th scope="col">{t("entries.department")}</th>
                <th scope="col">{t("entries.subject")}</th>
                <th scope="col">{t("entries.time")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.items.map((e) => (
                <tr key={e.seq}>
                  <td>
                    <Link className="link" href={`/ledger/entries/${e.seq}`}>
                      {e.seq}
                    </Link>
                  </td>
                  <td className="font-mono">{e.type}</td>
                  <td>{departmentName(e.department)}</td>
                  <td className="break-all font-mono text-xs">{e.subject}</td>
                  <td>{f.dateTime(e.time)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager path="/ledger" params={params} page={entries.page} pageSize={entries.pageSize} total={entries.total} />
      </section>
    </div>
  );
}

function CountTable({
  caption,
  head,
  entriesLabel,
  rows,
  empty,
  f,
  testId,
}: {
  caption: string;
  head: string;
  entriesLabel: string;
  rows: { key: string; label: string; href: string; entries: number; mono?: boolean }[];
  empty: string;
  f: ReturnType<typeof formatters>;
  testId: string;
}) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table className="w-full text-sm" data-testid={testId}>
      <caption className="text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="text-left">
          <th scope="col">{head}</th>
          <th scope="col" className="text-right">
            {entriesLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <td className={r.mono ? "font-mono" : undefined}>
              <Link className="link" href={r.href}>
                {r.label}
              </Link>
            </td>
            <td className="text-right">{f.number(r.entries)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
