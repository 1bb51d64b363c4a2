// A unit's rights (property@1) as ledger-derived state. The fold starts from a baseline:
// what the property register held before the ledger first touched the unit (the seeded
// register, read once from property_holdings); after that, only approvals change rights,
// and each approval rewrites the `property_holdings` cache from the folded state.
import { and, asc, eq, inArray } from "drizzle-orm";
import { property, type PropertyFacts } from "@/contracts";
import type { RegistrationEvent } from "@/contracts/registration/registration";
import type { Queryable, Tx } from "@/lib/db";
import { properties, propertyHoldings, registrationApplications, registrationPropertyRights, users } from "@/lib/db/schema";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { loadEventsOf } from "./ledger-io";

export type PropertyState = ReturnType<typeof property.initialProperty>;

async function baselineOf(q: Queryable, unitNumber: string): Promise<PropertyState> {
  const rows = await q
    .select({ holderRef: propertyHoldings.holderRef })
    .from(propertyHoldings)
    .innerJoin(properties, eq(properties.id, propertyHoldings.propertyId))
    .where(eq(properties.unitNumber, unitNumber))
    .orderBy(asc(propertyHoldings.holderRef));
  const initial = property.initialProperty(unitNumber);
  return rows.length === 0 ? initial : { ...initial, registered: true, holders: rows.map((r) => r.holderRef) };
}

/** The unit's rights now; with `lock`, the rights row is held for the rest of `tx`. */
export async function loadPropertyRights(tx: Tx, unitNumber: string, options: { lock?: boolean } = {}): Promise<PropertyState> {
  const read = async () => {
    const base = tx.select().from(registrationPropertyRights).where(eq(registrationPropertyRights.unitNumber, unitNumber));
    const [row] = options.lock ? await base.for("update") : await base;
    return row;
  };
  let row = await read();
  if (!row) {
    const baseline = await baselineOf(tx, unitNumber);
    await tx.insert(registrationPropertyRights).values({ unitNumber, baseline, state: baseline }).onConflictDoNothing();
    row = await read();
  }
  return row!.state as PropertyState;
}

export function factsOf(state: PropertyState): PropertyFacts {
  return property.propertyFacts(state);
}

/**
 * Applies registration events to the unit's rights and, when holders changed, rewrites the
 * holdings cache (equal shares; a portal account is linked by the holder's keyed ref).
 */
export async function applyToPropertyRights(tx: Tx, before: PropertyState, events: readonly RegistrationEvent[], seq: number): Promise<PropertyState> {
  const after = events.reduce(property.evolve, before);
  if (after === before) return before;
  await tx
    .update(registrationPropertyRights)
    .set({ state: after, lastSeq: seq, updatedAt: new Date() })
    .where(eq(registrationPropertyRights.unitNumber, after.unitNumber));
  if (canonicalJson(after.holders) !== canonicalJson(before.holders)) {
    const [unit] = await tx.select({ id: properties.id }).from(properties).where(eq(properties.unitNumber, after.unitNumber));
    // A unit outside the seeded register has no properties row: its rights live on the ledger only.
    if (unit) {
      await tx.delete(propertyHoldings).where(eq(propertyHoldings.propertyId, unit.id));
      if (after.holders.length > 0) {
        const accounts = await tx.select({ id: users.id, ref: users.residentIdHmac }).from(users).where(inArray(users.residentIdHmac, [...after.holders]));
        const share = (1 / after.holders.length).toFixed(4);
        await tx.insert(propertyHoldings).values(
          after.holders.map((ref) => ({ propertyId: unit.id, holderRef: ref, holderUserId: accounts.find((a) => a.ref === ref)?.id ?? null, share })),
        );
      }
    }
  }
  return after;
}

/** Folds baseline + the unit's registration entries and compares with the cached state. */
export async function rebuildPropertyRights(q: Queryable, unitNumber: string): Promise<{ matches: boolean; derived: PropertyState | null; cached: PropertyState | null }> {
  const [row] = await q.select().from(registrationPropertyRights).where(eq(registrationPropertyRights.unitNumber, unitNumber));
  if (!row) return { matches: true, derived: null, cached: null };
  const apps = await q.select({ id: registrationApplications.id }).from(registrationApplications).where(and(eq(registrationApplications.unitNumber, unitNumber)));
  const byApp = await loadEventsOf<RegistrationEvent>(q, apps.map((a) => a.id), "registration.");
  const all = [...byApp.values()].flat().sort((a, b) => a.seq - b.seq);
  const derived = all.reduce((s, e) => property.evolve(s, e.event), row.baseline as PropertyState);
  // jsonb reorders keys: compare canonical encodings (RFC 8785), not JSON.stringify.
  return { matches: canonicalJson(derived) === canonicalJson(row.state), derived, cached: row.state as PropertyState };
}
