// Previous / next links for a paged list; keeps the other query parameters.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function Pager({
  path,
  params,
  page,
  pageSize,
  total,
  pageKey = "page",
}: {
  path: string;
  params: Record<string, string | string[] | undefined>;
  page: number;
  pageSize: number;
  total: number;
  /** The query parameter that carries the page number (two lists on one page need two). */
  pageKey?: string;
}) {
  const t = await getTranslations("flow.common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (k === pageKey || v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
    }
    q.set(pageKey, String(p));
    return `${path}?${q.toString()}`;
  };
  return (
    <nav aria-label={t("pageOf", { page, pages })} className="mt-4 flex items-center gap-4">
      {page > 1 ? <Link className="link" href={href(page - 1)}>{t("previous")}</Link> : null}
      <span>{t("pageOf", { page, pages })}</span>
      {page < pages ? <Link className="link" href={href(page + 1)}>{t("next")}</Link> : null}
    </nav>
  );
}

/** The page number from a search parameter (1 when absent or not a number). */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}
