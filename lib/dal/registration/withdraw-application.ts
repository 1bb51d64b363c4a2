// Resident (the filer): withdraw an application before its decision. Requests still open are
// cancelled in the same transaction, so no department reads for a closed case.
import { z } from "zod";
import { reasonCodeSchema, registration, verificationRequest } from "@/contracts";
import type { ContractEvent } from "@/contracts";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { loadRequest, syncRequest } from "@/lib/dal/departments/request-store";
import { flowActor, nowInstant, systemActor } from "./actors";
import { loadApplication } from "./application-store";
import { commitRegistration, decideOrThrow } from "./commit";
import { notFound } from "./errors";
import { parseInput } from "./input";
import { applicationIdSchema } from "./save-draft";

export const withdrawApplicationInputSchema = z.object({ applicationId: applicationIdSchema, reasonCode: reasonCodeSchema.optional() });

export async function withdrawApplication(db: Db, options: { actor: Actor; input: z.input<typeof withdrawApplicationInputSchema> }): Promise<{ applicationId: string; status: string; cancelledRequests: number }> {
  assertCan(options.actor, "application.view_own");
  const input = parseInput(withdrawApplicationInputSchema, options.input);
  return db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const loaded = await loadApplication(tx, input.applicationId, { lock: true });
    if (loaded.row.filedBy !== actor.account.userId) throw notFound("The application", { resource: "application", id: input.applicationId, exists: true });
    const at = nowInstant();
    const events = decideOrThrow(loaded.state, { type: "withdraw", ...(input.reasonCode ? { reason: { code: input.reasonCode } } : {}) }, { actor: actor.contract, at });
    // The registry's system cancels on the resident's behalf (only the registry cancels requests).
    const cancellations: ContractEvent[] = [];
    const cancelled = [];
    for (const requestId of registration.openRequestIds(loaded.state)) {
      const { state } = await loadRequest(tx, requestId);
      const d = verificationRequest.decide(state, { type: "cancel", reasonCode: "application_withdrawn" }, { actor: systemActor("registry"), at });
      if (d.ok) {
        cancellations.push(...d.events);
        cancelled.push(verificationRequest.fold(d.events, state));
      }
    }
    const committed = await commitRegistration(tx, loaded.state, events, { after: cancellations });
    for (const [i, state] of cancelled.entries()) await syncRequest(tx, state, committed.appended[events.length + i]!);
    return { applicationId: input.applicationId, status: committed.state.status, cancelledRequests: cancelled.length };
  });
}
