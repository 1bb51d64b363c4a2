// Registry clerk (holder): reject with a reason (mandatory; the resident sees it), citing
// the checks answered no or blocked. Requests still open are cancelled in the same
// transaction, so no department reads for a closed case.
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { reasonCodeSchema, registration, verificationRequest } from "@/contracts";
import type { ContractEvent } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "./actors";
import { loadApplication } from "./application-store";
import { assertRegistryStaff } from "./clerk-command";
import { commitRegistration, decideOrThrow } from "./commit";
import { parseInput } from "./input";
import { saveNote } from "./notes";
import { afterCommit, notifyParties } from "./notify";
import { applicationIdSchema } from "./save-draft";
import { loadRequest, syncRequest } from "@/lib/dal/departments/request-store";

export const rejectApplicationInputSchema = z.object({
  applicationId: applicationIdSchema,
  reasonCode: reasonCodeSchema,
  note: plainText({ min: 1, max: 2000, multiline: true }).optional(),
  /** Checks answered no / blocked that the rejection rests on, e.g. civil.marital_status:seller-0. */
  citesCheckIds: z.array(z.string().max(200)).max(40).default([]),
});

export interface RejectApplicationResult {
  applicationId: string;
  status: string;
  seq: number;
  cancelledRequests: number;
}

export async function rejectApplication(db: Db, options: { actor: Actor; input: z.input<typeof rejectApplicationInputSchema> }): Promise<RejectApplicationResult> {
  assertRegistryStaff(options.actor, "application.reject");
  const input = parseInput(rejectApplicationInputSchema, options.input);
  const done = await db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const loaded = await loadApplication(tx, input.applicationId, { lock: true });
    const at = nowInstant();
    const noteSha256 = input.note ? await saveNote(tx, input.applicationId, actor.account.userId, input.note) : undefined;
    const events = decideOrThrow(
      loaded.state,
      { type: "reject", reason: { code: input.reasonCode, ...(noteSha256 ? { noteSha256 } : {}) }, citesCheckIds: input.citesCheckIds },
      { actor: actor.contract, at },
    );
    const cancellations: ContractEvent[] = [];
    const cancelled = [];
    for (const requestId of registration.openRequestIds(loaded.state)) {
      const { state } = await loadRequest(tx, requestId);
      const d = verificationRequest.decide(state, { type: "cancel", reasonCode: "application_closed" }, { actor: actor.contract, at });
      if (d.ok) {
        cancellations.push(...d.events);
        cancelled.push(verificationRequest.fold(d.events, state));
      }
    }
    const committed = await commitRegistration(tx, loaded.state, events, { after: cancellations });
    for (const [i, state] of cancelled.entries()) await syncRequest(tx, state, committed.appended[events.length + i]!);
    return { committed, loaded, cancelled: cancelled.length };
  });
  const partyRefs = done.committed.state.content?.parties.map((p) => p.ref) ?? [];
  await afterCommit("notify rejection", () =>
    notifyParties(db, { applicationId: input.applicationId, filedBy: done.loaded.row.filedBy, partyRefs }, "rejected", { reasonCode: input.reasonCode }),
  );
  return { applicationId: input.applicationId, status: done.committed.state.status, seq: done.committed.appended[0]!.seq, cancelledRequests: done.cancelled };
}
