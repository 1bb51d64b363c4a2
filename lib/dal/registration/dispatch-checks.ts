// Registry clerk (holder): fan the checks out. One transaction appends the application's
// `registration.checks_dispatched` (registry facts evaluated on the spot from the unit's
// ledger-derived rights), one `verification.requested` per department check and, where a
// department's standing rule covers it, that department's `verification.authorised` naming
// the rule. After commit each authorised request is answered by its department's adapter.
import { registration, verificationRequest } from "@/contracts";
import type { ContractEvent } from "@/contracts";
import type { VerificationRequestState } from "@/contracts/verification-request/verification-request";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { loadGrants } from "@/lib/dal/access/grants-store";
import { answerRequest } from "@/lib/dal/departments/answer-request";
import { syncRequest } from "@/lib/dal/departments/request-store";
import { standingAuthorisation } from "@/lib/dal/departments/standing-rules";
import { flowActor, nowInstant } from "./actors";
import { loadApplication } from "./application-store";
import { assertRegistryStaff } from "./clerk-command";
import { commitRegistration, decideOrThrow } from "./commit";
import { factsOf, loadPropertyRights } from "./property-rights";
import { ruleSetVersion } from "./rule-sets";

export interface DispatchedRequest {
  requestId: string;
  department: string;
  check: string;
  /** The standing rule that authorised it at once, or null (waits for the department's admin). */
  standingRule: string | null;
  /** Set when the adapter answered right after commit. */
  answer: "yes" | "no" | null;
}

export interface DispatchChecksResult {
  applicationId: string;
  status: string;
  requests: DispatchedRequest[];
  /** Registry facts evaluated now, e.g. registry.no_seizure:property → yes. */
  registryFacts: { checkId: string; outcome: string; reasonCode: string | null }[];
}

export async function dispatchChecks(db: Db, options: { actor: Actor; applicationId: string; answerNow?: boolean }): Promise<DispatchChecksResult> {
  assertRegistryStaff(options.actor, "check.dispatch");
  const done = await db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const loaded = await loadApplication(tx, options.applicationId, { lock: true });
    const at = nowInstant();
    const rules = await ruleSetVersion(tx, loaded.state.ruleVersion);
    const unit = loaded.state.content?.unitNumber ?? "";
    const rights = await loadPropertyRights(tx, unit);
    const events = decideOrThrow(loaded.state, { type: "dispatchChecks" }, { actor: actor.contract, at, rules, property: factsOf(rights) });
    const dispatched = events[0] as registration.RegistrationEventOf<"registration.checks_dispatched">;
    const open = registration.isOpen(registration.fold(events, loaded.state));
    const departments = [...new Set(dispatched.payload.checks.map((c) => c.department).filter((d) => d !== "registry"))];
    const grants = await loadGrants(tx, departments);
    const requestEvents: ContractEvent[] = [];
    const requests: { state: VerificationRequestState; standingRule: string | null; lastIndex: number }[] = [];
    for (const raise of verificationRequest.raiseCommandsFor(dispatched)) {
      const raised = verificationRequest.decide(verificationRequest.INITIAL_VERIFICATION_REQUEST, raise, { actor: actor.contract, at });
      if (!raised.ok) throw new Error(`raise refused: ${raised.error.code} ${raised.error.message}`);
      requestEvents.push(...raised.events);
      let state = verificationRequest.fold(raised.events);
      const authorised = standingAuthorisation(state, grants, open, at);
      if (authorised) {
        requestEvents.push(authorised);
        state = verificationRequest.evolve(state, authorised);
      }
      requests.push({ state, standingRule: state.authorisation?.grantId ?? null, lastIndex: requestEvents.length - 1 });
    }
    const committed = await commitRegistration(tx, loaded.state, events, { after: requestEvents });
    // One batch: the `requested` and `authorised` entries of a request carry the same time.
    for (const r of requests) await syncRequest(tx, r.state, committed.appended[events.length + r.lastIndex]!);
    return { committed, requests, dispatched };
  });
  const answers = new Map<string, "yes" | "no">();
  if (options.answerNow !== false) {
    for (const r of done.requests.filter((x) => x.standingRule !== null)) {
      try {
        const a = await answerRequest(db, { actor: "system", requestId: r.state.requestId });
        answers.set(r.state.requestId, a.outcome);
      } catch (error) {
        console.error("[registration] adapter did not answer after dispatch", error instanceof Error ? error.message : error);
      }
    }
  }
  const final = answers.size > 0 ? await loadApplication(db, options.applicationId) : null;
  return {
    applicationId: options.applicationId,
    status: final?.state.status ?? done.committed.state.status,
    requests: done.requests.map((r) => ({
      requestId: r.state.requestId,
      department: r.state.department!,
      check: r.state.check,
      standingRule: r.standingRule,
      answer: answers.get(r.state.requestId) ?? null,
    })),
    registryFacts: done.dispatched.payload.checks
      .filter((c) => c.requestId === null)
      .map((c) => ({ checkId: c.checkId, outcome: c.outcome, reasonCode: c.reasonCode })),
  };
}
