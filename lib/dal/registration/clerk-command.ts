// The shape shared by a registry clerk's simple commands (claim, release, request material,
// reject): permission, lock the case, fold it, decide as the clerk, commit.
import type { RegistrationCommand, RegistrationState } from "@/contracts/registration/registration";
import { assertCan, type Actor, type Permission } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { flowActor, nowInstant, type FlowActor } from "./actors";
import { loadApplication, type LoadedApplication } from "./application-store";
import { commitRegistration, decideOrThrow, type Committed } from "./commit";
import { FlowError } from "./errors";

export function assertRegistryStaff(actor: Actor, permission: Permission): void {
  assertCan(actor, permission);
  if (actor.department !== "registry") throw new FlowError("FORBIDDEN", 403, "Only registration-centre staff work registration cases.");
}

export async function runClerkCommand(
  tx: Tx,
  account: Actor,
  applicationId: string,
  command: (state: RegistrationState, actor: FlowActor) => RegistrationCommand | Promise<RegistrationCommand>,
): Promise<Committed & { loaded: LoadedApplication }> {
  const actor = await flowActor(tx, account);
  const loaded = await loadApplication(tx, applicationId, { lock: true });
  const cmd = await command(loaded.state, actor);
  const events = decideOrThrow(loaded.state, cmd, { actor: actor.contract, at: nowInstant() });
  return { ...(await commitRegistration(tx, loaded.state, events)), loaded };
}
