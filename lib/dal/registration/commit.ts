// The write half every registration command shares, inside the command's transaction:
// append the contract's events (one entry each, plus any entries of other contracts that
// belong to the same step), refresh the application cache, and carry rights-changing
// events into the unit's ledger-derived rights.
import { registration, type ContractEvent } from "@/contracts";
import type { RegistrationEvent, RegistrationState } from "@/contracts/registration/registration";
import type { Tx } from "@/lib/db";
import type { AppendResult } from "@/lib/ledger/append";
import { evolveAll, syncApplication } from "./application-store";
import { appendEvents } from "./ledger-io";
import { applyToPropertyRights, loadPropertyRights, type PropertyState } from "./property-rights";
import { fromContract } from "./errors";

export interface Committed {
  readonly state: RegistrationState;
  readonly appended: AppendResult[];
  readonly property: PropertyState | null;
}

const RIGHTS_EVENTS = new Set(["registration.submitted", "registration.approved", "registration.rejected", "registration.withdrawn"]);

/** Runs `decide` and throws its refusal as a FlowError. */
export function decideOrThrow(state: RegistrationState, command: unknown, ctx: Parameters<typeof registration.decide>[2]): readonly RegistrationEvent[] {
  const d = registration.decide(state, command, ctx);
  if (!d.ok) throw fromContract(d.error);
  return d.events;
}

export async function commitRegistration(
  tx: Tx,
  before: RegistrationState,
  events: readonly RegistrationEvent[],
  /** `property`: the unit's rights, already locked by the caller (approval). */
  options: { after?: readonly ContractEvent[]; property?: PropertyState } = {},
): Promise<Committed> {
  const all: ContractEvent[] = [...events, ...(options.after ?? [])];
  if (all.length === 0) return { state: before, appended: [], property: options.property ?? null };
  const state = evolveAll(before, events);
  const rightsEvents = events.filter((e) => RIGHTS_EVENTS.has(e.type));
  // Lock order everywhere: application row → unit rights row → ledger head (inside append).
  // Taking the rights lock after appending would deadlock against an approval on the same unit.
  let rights: PropertyState | null = options.property ?? null;
  if (rightsEvents.length > 0 && state.content && rights === null) rights = await loadPropertyRights(tx, state.content.unitNumber, { lock: true });
  const appended = await appendEvents(tx, all);
  await syncApplication(tx, before, state, appended.slice(0, events.length));
  if (rightsEvents.length > 0 && rights !== null) rights = await applyToPropertyRights(tx, rights, rightsEvents, appended[events.length - 1]!.seq);
  return { state, appended, property: rights };
}
