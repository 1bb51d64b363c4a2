// Department admin (own department) or senior admin: end a standing rule or grant. Requests
// it authorised but not yet answered are then refused at read time (access-log@1 re-checks).
import { z } from "zod";
import { accessGrant, reasonCodeSchema } from "@/contracts";
import type { AccessGrantEvent } from "@/contracts/access-grant/access-grant";
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "@/lib/dal/registration/actors";
import { fromContract, notFound } from "@/lib/dal/registration/errors";
import { parseInput } from "@/lib/dal/registration/input";
import { appendEvents, loadEvents } from "@/lib/dal/registration/ledger-io";
import { syncGrant } from "./grants-store";

export const revokeGrantInputSchema = z.object({ grantId: z.string().min(1).max(100), reasonCode: reasonCodeSchema });

export async function revokeGrant(db: Db, options: { actor: Actor; input: z.input<typeof revokeGrantInputSchema> }): Promise<{ grantId: string; seq: number }> {
  if (!can(options.actor, "standing_rule.manage") && options.actor.role !== "senior_admin") throw new ForbiddenError(undefined, "standing_rule.manage");
  const input = parseInput(revokeGrantInputSchema, options.input);
  return db.transaction(async (tx) => {
    const entries = await loadEvents<AccessGrantEvent>(tx, input.grantId, "access_grant.");
    if (entries.length === 0) throw notFound("The grant");
    const state = accessGrant.fold(entries.map((e) => e.event));
    const actor = await flowActor(tx, options.actor);
    const d = accessGrant.decide(state, { type: "revoke", reason: { code: input.reasonCode } }, { actor: actor.contract, at: nowInstant() });
    if (!d.ok) throw fromContract(d.error);
    const [entry] = await appendEvents(tx, d.events);
    await syncGrant(tx, accessGrant.fold(d.events, state), entry!);
    return { grantId: input.grantId, seq: entry!.seq };
  });
}
