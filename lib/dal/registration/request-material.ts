// Registry clerk (holder): ask the resident for more material, with a reason code and a
// note they read (the note's SHA-256 on the ledger, its text encrypted off it).
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { documentKindSchema, reasonCodeSchema } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { assertRegistryStaff, runClerkCommand } from "./clerk-command";
import { parseInput } from "./input";
import { saveNote } from "./notes";
import { afterCommit, notifyParties } from "./notify";
import { applicationIdSchema } from "./save-draft";

export const requestMaterialInputSchema = z.object({
  applicationId: applicationIdSchema,
  reasonCode: reasonCodeSchema,
  note: plainText({ min: 1, max: 2000, multiline: true }).optional(),
  documentKinds: z.array(documentKindSchema).min(1).max(10),
});

export async function requestMaterial(db: Db, options: { actor: Actor; input: z.input<typeof requestMaterialInputSchema> }): Promise<{ applicationId: string; status: string; seq: number }> {
  assertRegistryStaff(options.actor, "application.request_material");
  const input = parseInput(requestMaterialInputSchema, options.input);
  const done = await db.transaction((tx) =>
    runClerkCommand(tx, options.actor, input.applicationId, async (_state, actor) => {
      const noteSha256 = input.note ? await saveNote(tx, input.applicationId, actor.account.userId, input.note) : undefined;
      return { type: "requestMaterial", reason: { code: input.reasonCode, ...(noteSha256 ? { noteSha256 } : {}) }, documentKinds: input.documentKinds };
    }),
  );
  await afterCommit("notify material request", () =>
    notifyParties(db, { applicationId: input.applicationId, filedBy: done.loaded.row.filedBy, partyRefs: [] }, "material_requested", { reasonCode: input.reasonCode }),
  );
  return { applicationId: input.applicationId, status: done.state.status, seq: done.appended.at(-1)!.seq };
}
