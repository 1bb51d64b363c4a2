"use client";
// Charts (recharts) for the ledger explorer and the dashboards. A chart is never the only
// way to read the figures: each sits in a <figure> whose caption summarises it, next to a
// table with the same numbers (ChartFigure below), so screen readers and keyboard users get
// everything. The drawing itself is one image to assistive technology (role="img" + label).
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const PALETTE = ["#0b3d91", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#912b88", "#505a5f"];

export interface ChartSeries {
  key: string;
  label: string;
}

export function Chart({
  kind,
  data,
  xKey,
  series,
  label,
  stacked = false,
  height = 240,
}: {
  kind: "line" | "bar";
  data: Record<string, string | number | null>[];
  xKey: string;
  series: ChartSeries[];
  /** Short description for assistive technology; the table next to it has the numbers. */
  label: string;
  stacked?: boolean;
  height?: number;
}) {
  const common = (
    <>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey={xKey} fontSize={12} />
      <YAxis fontSize={12} allowDecimals={false} />
      <Tooltip />
      {series.length > 1 ? <Legend /> : null}
    </>
  );
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === "line" ? (
          <LineChart data={data}>
            {common}
            {series.map((s, i) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={PALETTE[i % PALETTE.length]} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : (
          <BarChart data={data}>
            {common}
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={PALETTE[i % PALETTE.length]} stackId={stacked ? "all" : undefined} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

/** A chart with its caption and its text alternative (a table, usually in a <details>). */
export function ChartFigure({ caption, chart, alternative }: { caption: string; chart: ReactNode; alternative: ReactNode }) {
  return (
    <figure className="mb-6">
      <figcaption className="mb-2 font-semibold">{caption}</figcaption>
      {chart}
      {alternative}
    </figure>
  );
}
