// Department admin: refuse to let their department's data be touched for one request, with
// a reason the registry and the resident see. Nothing is read; the check is blocked on the case.
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { reasonCodeSchema, registration, verificationRequest } from "@/contracts";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant, systemActor } from "@/lib/dal/registration/actors";
import { loadApplication } from "@/lib/dal/registration/application-store";
import { commitRegistration } from "@/lib/dal/registration/commit";
import { fromContract } from "@/lib/dal/registration/errors";
import { parseInput } from "@/lib/dal/registration/input";
import { appendEvents } from "@/lib/dal/registration/ledger-io";
import { saveNote } from "@/lib/dal/registration/notes";
import { assertOwnDepartment, loadRequest, syncRequest } from "./request-store";

export const refuseRequestInputSchema = z.object({
  requestId: z.string().min(1).max(300),
  reasonCode: reasonCodeSchema,
  note: plainText({ max: 2000, multiline: true }).optional(),
});

export interface RefuseRequestResult {
  requestId: string;
  status: "refused";
  seq: number;
}

export async function refuseRequest(db: Db, options: { actor: Actor; input: z.input<typeof refuseRequestInputSchema> }): Promise<RefuseRequestResult> {
  assertCan(options.actor, "check.authorise");
  const input = parseInput(refuseRequestInputSchema, options.input);
  return db.transaction(async (tx) => {
    const { row } = await loadRequest(tx, input.requestId);
    assertOwnDepartment(row, options.actor.department);
    const app = await loadApplication(tx, row.applicationId, { lock: true });
    const { state } = await loadRequest(tx, input.requestId);
    const actor = await flowActor(tx, options.actor);
    const at = nowInstant();
    const noteSha256 = input.note ? await saveNote(tx, row.applicationId, actor.account.userId, input.note) : undefined;
    const d = verificationRequest.decide(state, { type: "refuse", reason: { code: input.reasonCode, ...(noteSha256 ? { noteSha256 } : {}) } }, { actor: actor.contract, at });
    if (!d.ok) throw fromContract(d.error);
    const [entry] = await appendEvents(tx, d.events);
    const refused = verificationRequest.fold(d.events, state);
    await syncRequest(tx, refused, entry!);
    const command = verificationRequest.outcomeCommandFor(refused, null);
    const relayed = command ? registration.decide(app.state, command, { actor: systemActor(row.department), at }) : null;
    if (relayed?.ok) await commitRegistration(tx, app.state, relayed.events);
    return { requestId: input.requestId, status: "refused" as const, seq: entry!.seq };
  });
}
