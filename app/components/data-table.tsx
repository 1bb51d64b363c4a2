// The one table every list page uses: a captioned table whose first column names the row,
// a scroll region that keyboard users can reach on narrow screens, an empty state that says
// what to do next, and previous/next pages. Server component: the cell renderers run on the
// server, so only the markup reaches the browser.
//
//   <DataTable caption={t("caption")} rows={shown} rowKey={(r) => r.id}
//     columns={[{ header: t("name"), cell: (r) => r.name, rowHeader: true }, …]}
//     empty={{ message: t("empty"), action: <Link …>…</Link> }}
//     pagination={{ path: "/x", params, page, pageSize: PAGE_SIZE, total: all.length }} />
//
// Staff desks pass `dense`: one-line rows (cells marked `nowrap` never wrap), smaller type and
// padding, on large screens a region no taller than the window whose header row stays in
// view as the rows scroll, and `actions`: a last column of row buttons laid out inline
// (use `btn-sm`).
import type { ReactNode } from "react";
import { Pager } from "@/app/components/flow/pager";
import { TableView, type Column, type RowAttributes, type TableViewProps } from "./table-view";

export type { Column, RowAttributes };

export interface Pagination {
  path: string;
  params: Record<string, string | string[] | undefined>;
  page: number;
  pageSize: number;
  /** Rows across all pages. */
  total: number;
}

export function DataTable<Row>({
  pagination,
  ...table
}: Omit<TableViewProps<Row>, "total" | "footer"> & { pagination?: Pagination }) {
  return <TableView<Row> {...table} total={pagination?.total} footer={pagination ? <Pager {...pagination} /> : null} />;
}

/** The rows of page `page` (1-based) of `all`. */
export function pageOf<Row>(all: readonly Row[], page: number, pageSize: number): Row[] {
  return all.slice((page - 1) * pageSize, page * pageSize);
}
