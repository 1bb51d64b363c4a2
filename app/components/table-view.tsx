// The markup of DataTable (app/components/data-table.tsx) without its pager, so that a client
// component (an editor whose rows are state) renders the same table: caption, row headers,
// scroll region, empty state, dense variant, row actions. Server pages use DataTable.
import type { ReactNode } from "react";

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The column that names the row (rendered as `<th scope="row">`); usually the first. */
  rowHeader?: boolean;
  /** Extra classes for this column's cells (e.g. `font-mono`). */
  className?: string;
  /** Keep the cell on one line (ids, dates, amounts). */
  nowrap?: boolean;
}

/** `data-*` attributes (tests and styles find rows by them) plus an optional class. */
export type RowAttributes = { className?: string } & { [data: `data-${string}`]: string | number | boolean | undefined };

export interface TableViewProps<Row> {
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
  /** Rows across all pages (defaults to `rows.length`): the empty state shows only when 0. */
  total?: number;
  /** Below the table (the pager). */
  footer?: ReactNode;
  /** Compact rows for staff desks (see app/components/data-table.tsx). */
  dense?: boolean;
  /** Row buttons, rendered inline in a last column headed `header`. */
  actions?: { header: ReactNode; cell: (row: Row) => ReactNode };
  /** The caption for screen readers only, when a heading right above already names the table. */
  captionHidden?: boolean;
  /** `data-testid` of the table's wrapper. */
  testId?: string;
  className?: string;
}

export function TableView<Row>({
  id,
  caption,
  columns,
  rows,
  rowKey,
  rowAttributes,
  empty,
  total: totalRows,
  footer,
  dense = false,
  actions,
  captionHidden = false,
  testId,
  className = "",
}: TableViewProps<Row>) {
  const total = totalRows ?? rows.length;
  if (total === 0 || rows.length === 0) {
    return (
      <div className={`bg-panel p-4 ${className}`} data-testid="empty-state">
        <p>{empty.message}</p>
        {empty.action ? <div className="mt-3">{empty.action}</div> : null}
      </div>
    );
  }
  const captionId = `${id ?? "list"}-caption`;
  const all: readonly Column<Row>[] = actions
    ? [...columns, { header: actions.header, cell: (row) => <div className="flex flex-nowrap items-center gap-2">{actions.cell(row)}</div>, nowrap: true }]
    : columns;
  const pad = dense ? "py-1.5" : "py-2";
  const gap = (i: number) => (i < all.length - 1 ? "pr-3" : "");
  return (
    <div className={className} data-testid={testId}>
      {/* A focusable, labelled scroll region: on a phone a wide table scrolls inside it, and
          keyboard users can scroll it too (axe: scrollable-region-focusable). A dense table on a
          large screen is held to the window's height and scrolls inside its region, so its
          header row stays in view (sticky within the region) however long the list. */}
      <div className={dense ? "overflow-auto lg:max-h-[80vh]" : "overflow-x-auto"} role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={`w-full border-collapse text-left ${dense ? "text-[0.8125rem] leading-5" : "text-sm"}`}>
          <caption id={captionId} className={captionHidden ? "sr-only" : "mb-2 text-left font-semibold"}>
            {caption}
          </caption>
          <thead className={dense ? "sticky top-0 z-10 bg-white" : undefined}>
            <tr className="border-b-2 border-ink">
              {all.map((c, i) => (
                <th key={i} scope="col" className={`${pad} ${gap(i)} ${dense ? "whitespace-nowrap" : ""}`}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const { className: rowClass, ...data } = rowAttributes?.(row) ?? {};
              return (
                <tr key={rowKey(row)} className={`border-b border-line ${dense ? "align-middle hover:bg-panel" : "align-top"} ${rowClass ?? ""}`} {...data}>
                  {all.map((c, i) => {
                    const cls = `${pad} ${gap(i)} ${c.nowrap ? "whitespace-nowrap" : ""} ${c.className ?? ""}`;
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
      {footer}
    </div>
  );
}
