// A party of an application (or registry staff): who holds the application's unit now, as
// the register says after the decision (e.g. the buyer after an approved transfer), with
// shares. Only the caller's own name is decrypted: a co-holder's name is personal data, and
// DESIGN.md §7 lets nobody read it without a live authorisation and an access entry — this
// view has neither, so co-holders appear unnamed ("another right holder"). Their names
// reach a holder only through the credential itself (its selectively disclosed holderNames).
import { eq } from "drizzle-orm";
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { properties, propertyHoldings, users } from "@/lib/db/schema";
import { openDisplayName } from "@/lib/dal/auth/user-identity";
import { assertOwnApplication } from "./access";
import { flowActor } from "./actors";
import { loadApplication } from "./application-store";

export interface UnitHolder {
  /** The caller's own name; null for every other holder (never decrypted here). */
  name: string | null;
  share: string;
  isMe: boolean;
}

export async function getUnitHolders(db: Db, options: { actor: Actor; applicationId: string }): Promise<{ unitNumber: string; holders: UnitHolder[] }> {
  const staff = can(options.actor, "application.view") && options.actor.department === "registry";
  if (!staff && !can(options.actor, "application.view_own")) throw new ForbiddenError(undefined, "application.view_own");
  const actor = await flowActor(db, options.actor);
  const { row, state } = await loadApplication(db, options.applicationId);
  if (!staff) assertOwnApplication(actor, row, state);
  const unitNumber = state.content?.unitNumber ?? row.unitNumber;
  const rows = await db
    .select({ ref: propertyHoldings.holderRef, share: propertyHoldings.share, nameCipher: users.displayNameCipher })
    .from(propertyHoldings)
    .innerJoin(properties, eq(properties.id, propertyHoldings.propertyId))
    .leftJoin(users, eq(users.residentIdHmac, propertyHoldings.holderRef))
    .where(eq(properties.unitNumber, unitNumber));
  const holders: UnitHolder[] = [];
  for (const r of rows) {
    const isMe = actor.personRef !== null && r.ref === actor.personRef;
    holders.push({ name: isMe && r.nameCipher ? await openDisplayName(db, r.nameCipher) : null, share: String(r.share), isMe });
  }
  return { unitNumber, holders };
}
