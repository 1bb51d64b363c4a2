// Senior admin: override a department check answered no or blocked, with a reason code and
// a written note (both mandatory); its own `registration.check_overridden` entry, visible
// on the timeline. The registry's own facts cannot be overridden (contract: NOT_OVERRIDABLE).
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { reasonCodeSchema } from "@/contracts";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "./actors";
import { loadApplication } from "./application-store";
import { commitRegistration, decideOrThrow } from "./commit";
import { parseInput } from "./input";
import { saveNote } from "./notes";
import { afterCommit, notifyParties } from "./notify";
import { applicationIdSchema } from "./save-draft";

export const overrideCheckInputSchema = z.object({
  applicationId: applicationIdSchema,
  checkId: z.string().min(1).max(200),
  reasonCode: reasonCodeSchema,
  note: plainText({ min: 10, minMessage: "explain the override in at least 10 characters", max: 4000, multiline: true }),
});

export async function overrideCheck(db: Db, options: { actor: Actor; input: z.input<typeof overrideCheckInputSchema> }): Promise<{ applicationId: string; status: string; seq: number }> {
  assertCan(options.actor, "application.override");
  const input = parseInput(overrideCheckInputSchema, options.input);
  const done = await db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const loaded = await loadApplication(tx, input.applicationId, { lock: true });
    const noteSha256 = await saveNote(tx, input.applicationId, actor.account.userId, input.note);
    const events = decideOrThrow(loaded.state, { type: "override", checkId: input.checkId, reason: { code: input.reasonCode, noteSha256 } }, { actor: actor.contract, at: nowInstant() });
    return { committed: await commitRegistration(tx, loaded.state, events), loaded };
  });
  await afterCommit("notify override", () =>
    notifyParties(db, { applicationId: input.applicationId, filedBy: done.loaded.row.filedBy, partyRefs: [] }, "check_overridden", { checkId: input.checkId }),
  );
  return { applicationId: input.applicationId, status: done.committed.state.status, seq: done.committed.appended[0]!.seq };
}
