// Resident: submit the draft under the active rule set. Documents uploaded since the last
// save are listed first (one `draft_saved` entry), so the submission cites every file's hash.
// Counter-parties are notified after commit.
import { registration } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "./actors";
import { loadApplication } from "./application-store";
import { commitRegistration, decideOrThrow } from "./commit";
import { documentRefs } from "./document-refs";
import { notFound } from "./errors";
import { assertMayFile } from "./filing";
import { afterCommit, notifyParties } from "./notify";
import { activeRuleSet } from "./rule-sets";

export interface SubmitApplicationResult {
  applicationId: string;
  status: string;
  ruleVersion: number;
  /** Parties who still have to confirm online. */
  pendingConfirmations: number;
}

export async function submitApplication(db: Db, options: { actor: Actor; applicationId: string }): Promise<SubmitApplicationResult> {
  const result = await db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const loaded = await loadApplication(tx, options.applicationId, { lock: true });
    if (loaded.row.filedBy !== actor.account.userId) throw notFound("The application", { resource: "application", id: options.applicationId, exists: true });
    assertMayFile(loaded.state.content?.kind ?? "transfer", options.actor);
    const at = nowInstant();
    let state = loaded.state;
    const events = [];
    const content = state.content;
    if (content && state.status === "draft") {
      const documents = await documentRefs(tx, options.applicationId);
      const saved = decideOrThrow(state, { type: "saveDraft", applicationId: state.applicationId, ...content, documents }, { actor: actor.contract, at });
      events.push(...saved);
      state = saved.reduce(registration.evolve, state);
    }
    const rules = await activeRuleSet(tx);
    events.push(...decideOrThrow(state, { type: "submit" }, { actor: actor.contract, at, rules }));
    const committed = await commitRegistration(tx, loaded.state, events);
    return { committed, filedBy: loaded.row.filedBy, ruleVersion: rules.version };
  });
  const { state } = result.committed;
  const keys = new Set(state.pendingConfirmations);
  const confirmRefs = state.content ? registration.partiesWithKeys(state.content).filter((p) => keys.has(p.key)).map((p) => p.ref) : [];
  await afterCommit("notify submission", async () => {
    const app = { applicationId: options.applicationId, filedBy: result.filedBy, partyRefs: state.content?.parties.map((p) => p.ref) ?? [] };
    await notifyParties(db, { ...app, partyRefs: [] }, "submitted");
    if (confirmRefs.length > 0) await notifyParties(db, app, "confirm_requested", {}, { only: confirmRefs });
  });
  return { applicationId: options.applicationId, status: state.status, ruleVersion: result.ruleVersion, pendingConfirmations: state.pendingConfirmations.length };
}
