// What the registry knows about a property when it decides, derived from approved
// registrations (see property.ts). Registration's `decide` takes it in its context.
export interface PropertyFacts {
  readonly unitNumber: string;
  readonly registered: boolean;
  /** Party refs of the current right holders. */
  readonly holders: readonly string[];
  /** Application ids of registered mortgages not yet released. */
  readonly mortgageIds: readonly string[];
  /** Application ids of seizures not yet released. */
  readonly seizureIds: readonly string[];
}

export const UNREGISTERED_PROPERTY = (unitNumber: string): PropertyFacts => ({
  unitNumber,
  registered: false,
  holders: [],
  mortgageIds: [],
  seizureIds: [],
});
