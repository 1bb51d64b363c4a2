// Resident: confirm online as the counter-party (buyer or seller) named in an application.
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "./actors";
import { assertOwnApplication } from "./access";
import { loadApplication } from "./application-store";
import { commitRegistration, decideOrThrow } from "./commit";

export interface ConfirmApplicationResult {
  applicationId: string;
  status: string;
  /** Confirmations still missing from other parties. */
  remaining: number;
}

export async function confirmApplication(db: Db, options: { actor: Actor; applicationId: string }): Promise<ConfirmApplicationResult> {
  assertCan(options.actor, "application.confirm");
  return db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const { row, state } = await loadApplication(tx, options.applicationId, { lock: true });
    assertOwnApplication(actor, row, state);
    const events = decideOrThrow(state, { type: "confirmCounterparty" }, { actor: actor.contract, at: nowInstant() });
    const { state: after } = await commitRegistration(tx, state, events);
    return { applicationId: options.applicationId, status: after.status, remaining: after.pendingConfirmations.length };
  });
}
