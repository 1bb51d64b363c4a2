// property@1 — a property unit's rights, derived from the registration events that name it.
// It is a projection, not a decision-maker: rights change only through an approved
// registration, so there is no command here, just evolve/fold and the facts the registry
// checks. Credentials (DESIGN.md §6) read `rights` and supersede on `lastChange`.
import type { ApplicationKind } from "../shared/application";
import type { RegistrationEvent } from "../registration/registration";
import type { PropertyFacts } from "./facts";

export const PROPERTY_CONTRACT = { name: "property", version: 1, id: "property@1" } as const;

export interface PropertyState {
  readonly unitNumber: string;
  readonly registered: boolean;
  /** Party refs (keyed HMACs / opaque ids) of the current right holders. */
  readonly holders: readonly string[];
  /** `securedAmountRef`: the keyed ref of the secured amount, when the filing gave one. */
  readonly mortgages: readonly { readonly mortgageId: string; readonly mortgageeRef: string; readonly securedAmountRef?: string }[];
  readonly seizures: readonly { readonly seizureId: string; readonly courtRef: string; readonly caseNumber: string }[];
  /** Submitted applications on this unit not yet decided or withdrawn. */
  readonly openApplications: readonly { readonly applicationId: string; readonly kind: ApplicationKind }[];
  /** The approval that last changed the rights (a credential issued before it is superseded). */
  readonly lastChange: { readonly applicationId: string; readonly kind: ApplicationKind } | null;
}

export const initialProperty = (unitNumber: string): PropertyState => ({
  unitNumber,
  registered: false,
  holders: [],
  mortgages: [],
  seizures: [],
  openApplications: [],
  lastChange: null,
});

/** Applies one registration event; events about other units leave the state as it is, so the
 * caller may feed a mixed stream. */
export function evolve(state: PropertyState, e: RegistrationEvent): PropertyState {
  if (e.payload.unitNumber !== state.unitNumber) return state;
  const closeApplication = () => state.openApplications.filter((a) => a.applicationId !== e.subject);
  switch (e.type) {
    case "registration.submitted":
      if (state.openApplications.some((a) => a.applicationId === e.subject)) return state;
      return { ...state, openApplications: [...state.openApplications, { applicationId: e.subject, kind: e.payload.kind }] };
    case "registration.rejected":
    case "registration.withdrawn":
      return { ...state, openApplications: closeApplication() };
    case "registration.approved": {
      const next = { ...state, openApplications: closeApplication(), lastChange: { applicationId: e.subject, kind: e.payload.kind } };
      const effect = e.payload.effect;
      switch (effect.kind) {
        case "first_registration":
          return { ...next, registered: true, holders: effect.holders };
        case "transfer":
          return { ...next, holders: effect.holders };
        case "mortgage":
          return {
            ...next,
            mortgages: [
              ...state.mortgages,
              { mortgageId: effect.mortgageId, mortgageeRef: effect.mortgageeRef, ...(effect.securedAmountRef !== undefined ? { securedAmountRef: effect.securedAmountRef } : {}) },
            ],
          };
        case "mortgage_release":
          return { ...next, mortgages: state.mortgages.filter((m) => m.mortgageId !== effect.releasedMortgageId) };
        case "seizure":
          return { ...next, seizures: [...state.seizures, { seizureId: effect.seizureId, courtRef: effect.courtRef, caseNumber: effect.caseNumber }] };
        case "seizure_release":
          return { ...next, seizures: state.seizures.filter((s) => s.seizureId !== effect.releasedSeizureId) };
      }
    }
    // falls through: no other registration event changes rights
    default:
      return state;
  }
}

export function fold(unitNumber: string, events: readonly RegistrationEvent[]): PropertyState {
  return events.reduce(evolve, initialProperty(unitNumber));
}

/** Status flags shown on a credential (DESIGN.md §6). */
export function rightsStatus(state: PropertyState): { registered: boolean; mortgaged: boolean; seized: boolean; inTransaction: boolean } {
  return {
    registered: state.registered,
    mortgaged: state.mortgages.length > 0,
    seized: state.seizures.length > 0,
    inTransaction: state.openApplications.some((a) => a.kind === "transfer"),
  };
}

/** What registration's `decide` needs to evaluate the registry facts. */
export function propertyFacts(state: PropertyState): PropertyFacts {
  return {
    unitNumber: state.unitNumber,
    registered: state.registered,
    holders: state.holders,
    mortgageIds: state.mortgages.map((m) => m.mortgageId),
    seizureIds: state.seizures.map((s) => s.seizureId),
  };
}
