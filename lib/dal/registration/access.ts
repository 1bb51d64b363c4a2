// Record-level checks shared by the use-cases (permission by role is `assertCan`; these say
// whether this actor may touch THIS application).
import type { RegistrationState } from "@/contracts/registration/registration";
import type { FlowActor } from "./actors";
import type { ApplicationRow } from "./application-store";
import { notFound } from "./errors";

/** A resident sees an application they filed or that names them as a party. */
export function isOwnApplication(actor: FlowActor, row: ApplicationRow, state?: RegistrationState): boolean {
  if (row.filedBy === actor.account.userId) return true;
  const refs = state?.content ? state.content.parties.map((p) => p.ref) : row.partyRefs;
  return actor.personRef !== null && refs.includes(actor.personRef);
}

/** Same answer for "does not exist" and "not yours": nothing leaks about others' cases. */
export function assertOwnApplication(actor: FlowActor, row: ApplicationRow, state?: RegistrationState): void {
  if (!isOwnApplication(actor, row, state)) throw notFound("The application", { resource: "application", id: row.id, exists: true });
}
