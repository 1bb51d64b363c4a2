// Assessed value of a property: the median price per m² of the district's recent transfers
// (land department's recorded sale prices, joined to the register's floor areas), times the
// property's area. The sample size is returned so the page can say how much it rests on.
import { and, eq, gte } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { landTransactions, properties } from "@/lib/db/schema";

export interface AssessedValue {
  /** Median yuan per m², or null with no sample. */
  medianPerM2: number | null;
  /** medianPerM2 (as shown) × area, rounded to the yuan. */
  value: number | null;
  sampleSize: number;
  /** The earliest transfer date counted (ISO date). */
  since: string;
}

/** Months of transfers that count as "recent". */
export const RECENT_MONTHS = 24;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function assessedValue(q: Queryable, input: { district: string; area: number; now?: Date }): Promise<AssessedValue> {
  const since = new Date(input.now ?? new Date());
  since.setUTCMonth(since.getUTCMonth() - RECENT_MONTHS);
  const sinceIso = since.toISOString().slice(0, 10);
  const rows = await q
    .select({ price: landTransactions.price, area: properties.area })
    .from(landTransactions)
    .innerJoin(properties, eq(properties.unitNumber, landTransactions.unitNumber))
    .where(and(eq(properties.district, input.district as never), gte(landTransactions.transactedOn, sinceIso)));
  const perM2 = rows.map((r) => Number(r.price) / Number(r.area)).filter((v) => Number.isFinite(v) && v > 0);
  const m = median(perM2);
  // The value is computed from the median as shown (whole yuan per m²), so a reader can redo it.
  const shown = m === null ? null : Math.round(m);
  return { medianPerM2: shown, value: shown === null ? null : Math.round(shown * input.area), sampleSize: perM2.length, since: sinceIso };
}
