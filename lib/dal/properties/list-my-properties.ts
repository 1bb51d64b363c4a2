// The signed-in resident's properties for /resident/properties: register facts (area, use,
// district, outline), the live status folded from the ledger, the current credential, the
// unit's ledger history and its assessed value. Only the holder's own units: the holder is
// found by their keyed resident-ID ref, never by name.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import type { ParcelOutline } from "@/drizzle/schema/property";
import { credentials, ledgerEntries, properties, propertyHoldings } from "@/lib/db/schema";
import { holderRefOf } from "@/lib/dal/credentials/holder-access";
import { foldUnit, securedAmountsInForce, type RightsFlags } from "@/lib/dal/credentials/issue-credential";
import { property } from "@/contracts";
import { assessedValue, type AssessedValue } from "./assessed-value";

export type PropertyStatus = "registered" | "mortgaged" | "seized" | "in_transaction";

export interface HistoryEntry {
  seq: number;
  type: string;
  time: string;
  /** Registration kind or credential reason, when the entry names one. */
  kind: string | null;
  /** A correction of the record (`property.revised`): the field, the superseded and the new value. */
  revision?: { field: string; before: string | number | null; after: string | number | null };
}

export interface MyProperty {
  unitNumber: string;
  address: string;
  district: string;
  area: number;
  use: string;
  share: number;
  outline: ParcelOutline;
  flags: RightsFlags;
  /** The most telling status: seized over mortgaged over in transaction over registered. */
  status: PropertyStatus;
  credential: { id: string; issuedAt: Date; ledgerSeq: number; reason: string } | null;
  history: HistoryEntry[];
  assessed: AssessedValue;
  /** Secured amounts (canonical yuan) of the mortgages in force that stated one. */
  securedAmounts: string[];
}

/** Entry types shown as the unit's history (the steps a holder cares about). */
const HISTORY_TYPES = ["registration.submitted", "registration.approved", "registration.rejected", "registration.withdrawn", "credential.issued", "credential.superseded", "credential.revoked", "property.revised"];

export function statusOf(flags: RightsFlags): PropertyStatus {
  if (flags.seized) return "seized";
  if (flags.mortgaged) return "mortgaged";
  if (flags.inTransaction) return "in_transaction";
  return "registered";
}

export async function listMyProperties(q: Queryable, options: { actor: Actor; now?: Date }): Promise<MyProperty[]> {
  const ref = await holderRefOf(q, options.actor);
  if (!ref) return [];
  const held = await q
    .select({
      unitNumber: properties.unitNumber,
      address: properties.address,
      district: properties.district,
      area: properties.area,
      use: properties.use,
      outline: properties.parcelOutline,
      share: propertyHoldings.share,
    })
    .from(propertyHoldings)
    .innerJoin(properties, eq(properties.id, propertyHoldings.propertyId))
    .where(eq(propertyHoldings.holderRef, ref))
    .orderBy(asc(properties.unitNumber));
  if (held.length === 0) return [];
  const units = held.map((h) => h.unitNumber);
  const live = await q
    .select({ id: credentials.id, unitNumber: credentials.unitNumber, issuedAt: credentials.issuedAt, ledgerSeq: credentials.ledgerSeq, reason: credentials.reason })
    .from(credentials)
    .where(and(inArray(credentials.unitNumber, units), eq(credentials.status, "valid")));
  const history = await q
    .select({ seq: ledgerEntries.seq, type: ledgerEntries.type, entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.type, HISTORY_TYPES), sql`(${ledgerEntries.entry}::jsonb -> 'payload' ->> 'unitNumber') in (${sql.join(units.map((u) => sql`${u}`), sql`, `)})`))
    .orderBy(asc(ledgerEntries.seq));
  const historyByUnit = new Map<string, HistoryEntry[]>();
  for (const row of history) {
    const e = JSON.parse(row.entry) as {
      time: string;
      payload: { unitNumber: string; kind?: string; reason?: string; field?: string; before?: string | number | null; after?: string | number | null };
    };
    const list = historyByUnit.get(e.payload.unitNumber) ?? [];
    const revision = row.type === "property.revised" && e.payload.field ? { field: e.payload.field, before: e.payload.before ?? null, after: e.payload.after ?? null } : undefined;
    list.push({ seq: row.seq, type: row.type, time: e.time, kind: e.payload.kind ?? e.payload.reason ?? null, ...(revision ? { revision } : {}) });
    historyByUnit.set(e.payload.unitNumber, list);
  }
  const out: MyProperty[] = [];
  for (const h of held) {
    const unit = await foldUnit(q, h.unitNumber);
    const flags = property.rightsStatus(unit);
    const credential = live.find((c) => c.unitNumber === h.unitNumber) ?? null;
    out.push({
      unitNumber: h.unitNumber,
      address: h.address,
      district: h.district,
      area: Number(h.area),
      use: h.use,
      share: Number(h.share),
      outline: h.outline,
      flags: { ...flags, registered: true },
      status: statusOf(flags),
      credential: credential && { id: credential.id, issuedAt: credential.issuedAt, ledgerSeq: credential.ledgerSeq, reason: credential.reason },
      history: historyByUnit.get(h.unitNumber) ?? [],
      assessed: await assessedValue(q, { district: h.district, area: Number(h.area), now: options.now }),
      securedAmounts: await securedAmountsInForce(q, unit),
    });
  }
  return out;
}
