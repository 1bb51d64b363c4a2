// Registry clerk (holder): approve. The case row and the unit's rights row are locked, the
// state folded from the ledger, and the contract decides with the registry facts re-read
// now; so two clerks approving at once yield exactly one `registration.approved` entry (the
// second sees ALREADY_DECIDED). The approval's effect is applied to the unit's
// ledger-derived rights and the holdings cache, and the credential is issued (onApproved),
// all in the same transaction. Parties are notified after commit.
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "./actors";
import { loadApplication } from "./application-store";
import { assertRegistryStaff } from "./clerk-command";
import { commitRegistration, decideOrThrow } from "./commit";
import { afterCommit, notifyParties } from "./notify";
import { onApproved, type OnApprovedResult } from "./on-approved";
import { factsOf, loadPropertyRights } from "./property-rights";

export interface ApproveApplicationResult {
  applicationId: string;
  status: "approved";
  /** Seq of the `registration.approved` entry. */
  seq: number;
  /** Right holders now (keyed refs). */
  holders: string[];
  credential: OnApprovedResult;
}

export async function approveApplication(db: Db, options: { actor: Actor; applicationId: string }): Promise<ApproveApplicationResult> {
  assertRegistryStaff(options.actor, "application.approve");
  const done = await db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const loaded = await loadApplication(tx, options.applicationId, { lock: true });
    const unit = loaded.state.content?.unitNumber ?? "";
    const rights = await loadPropertyRights(tx, unit, { lock: true });
    const events = decideOrThrow(loaded.state, { type: "approve" }, { actor: actor.contract, at: nowInstant(), property: factsOf(rights) });
    const committed = await commitRegistration(tx, loaded.state, events, { property: rights });
    const seq = committed.appended[0]!.seq;
    const credential = await onApproved(tx, {
      applicationId: options.applicationId,
      kind: loaded.state.content!.kind,
      unitNumber: unit,
      approvalSeq: seq,
      rights: committed.property!,
      actor: actor.contract,
    });
    return { committed, loaded, seq, credential };
  });
  const partyRefs = done.committed.state.content?.parties.map((p) => p.ref) ?? [];
  await afterCommit("notify approval", () =>
    notifyParties(db, { applicationId: options.applicationId, filedBy: done.loaded.row.filedBy, partyRefs }, "approved", { seq: done.seq }),
  );
  return { applicationId: options.applicationId, status: "approved", seq: done.seq, holders: [...(done.committed.property?.holders ?? [])], credential: done.credential };
}
