// The one table every list page uses: a captioned table whose first column names the row,
// a scroll region that keyboard users can reach on narrow screens, an empty state that says
// what to do next, and previous/next pages. Server component: the cell renderers run on the
// server, so only the markup reaches the browser.
//
//   <DataTable caption={t("caption")} rows={shown} rowKey={(r) => r.id}
//     columns={[{ header: t("name"), cell: (r) => r.name, rowHeader: true }, …]}
//     empty={{ message: t("empty"), action: <Link …>…</Link> }}
//     pagination={{ path: "/x", params, page, pageSize: PAGE_SIZE, total: all.length }} />
import type { ReactNode } from "react";
import { Pager } from "@/app/components/flow/pager";

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The column that names the row (rendered as `<th scope="row">`); usually the first. */
  rowHeader?: boolean;
  /** Extra classes for this column's cells (e.g. `font-mono`). */
  className?: string;
}

export interface Pagination {
  path: string;
  params: Record<string, string | string[] | undefined>;
  page: number;
  pageSize: number;
  /** Rows across all pages. */
  total: number;
}

/** `data-*` attributes (tests and styles find rows by them) plus an optional class. */
export type RowAttributes = { className?: string } & { [data: `data-${string}`]: string | number | boolean | undefined };

export function DataTable<Row>({
  id,
  caption,
  columns,
  rows,
  rowKey,
  rowAttributes,
  empty,
  pagination,
  className = "",
}: {
  /** Stable id for the caption (defaults to one derived from the caption's place on the page). */
  id?: string;
  caption: ReactNode;
  columns: readonly Column<Row>[];
  /** The rows of this page (see `pageOf`). */
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowAttributes?: (row: Row) => RowAttributes;
  /** Shown instead of the table when there are no rows at all: what it means and what to do. */
  empty: { message: ReactNode; action?: ReactNode };
  pagination?: Pagination;
  className?: string;
}) {
  const total = pagination?.total ?? rows.length;
  if (total === 0 || rows.length === 0) {
    return (
      <div className={`bg-panel p-4 ${className}`} data-testid="empty-state">
        <p>{empty.message}</p>
        {empty.action ? <div className="mt-3">{empty.action}</div> : null}
      </div>
    );
  }
  const captionId = `${id ?? "list"}-caption`;
  return (
    <div className={className}>
      {/* A focusable, labelled scroll region: on a phone a wide table scrolls inside it, and
          keyboard users can scroll it too (axe: scrollable-region-focusable). */}
      <div className="overflow-x-auto" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="w-full border-collapse text-left text-sm">
          <caption id={captionId} className="mb-2 text-left font-semibold">
            {caption}
          </caption>
          <thead>
            <tr className="border-b-2 border-ink">
              {columns.map((c, i) => (
                <th key={i} scope="col" className={`py-2 ${i < columns.length - 1 ? "pr-3" : ""}`}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const { className: rowClass, ...data } = rowAttributes?.(row) ?? {};
              return (
                <tr key={rowKey(row)} className={`border-b border-line align-top ${rowClass ?? ""}`} {...data}>
                  {columns.map((c, i) => {
                    const cls = `py-2 ${i < columns.length - 1 ? "pr-3" : ""} ${c.className ?? ""}`;
                    return c.rowHeader ? (
                      <th key={i} scope="row" className={`${cls} font-normal`}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={i} className={cls}>
                        {c.cell(row)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pagination ? <Pager {...pagination} /> : null}
    </div>
  );
}

/** The rows of page `page` (1-based) of `all`. */
export function pageOf<Row>(all: readonly Row[], page: number, pageSize: number): Row[] {
  return all.slice((page - 1) * pageSize, page * pageSize);
}
