// Resident: hand in the material the registry asked for (documents uploaded first with
// uploadDocument); the case returns to review, or to where its checks stand.
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { assertMayFileAny } from "./filing";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "./actors";
import { assertOwnApplication } from "./access";
import { loadApplication } from "./application-store";
import { commitRegistration, decideOrThrow } from "./commit";
import { documentRefs } from "./document-refs";
import { FlowError } from "./errors";
import { parseInput } from "./input";
import { applicationIdSchema } from "./save-draft";

export const provideMaterialInputSchema = z.object({
  applicationId: applicationIdSchema,
  /** Absent: every document uploaded since the registry's request. */
  documentIds: z.array(z.string().max(60)).min(1).max(20).optional(),
});

export interface ProvideMaterialResult {
  applicationId: string;
  status: string;
  documents: number;
}

export async function provideMaterial(db: Db, options: { actor: Actor; input: z.input<typeof provideMaterialInputSchema> }): Promise<ProvideMaterialResult> {
  assertMayFileAny(options.actor);
  const input = parseInput(provideMaterialInputSchema, options.input);
  return db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const { row, state } = await loadApplication(tx, input.applicationId, { lock: true });
    assertOwnApplication(actor, row, state);
    const listed = new Set((state.content?.documents ?? []).map((d) => d.documentId));
    const documents = (await documentRefs(tx, input.applicationId, input.documentIds)).filter((d) => !listed.has(d.documentId));
    if (documents.length === 0) throw new FlowError("NO_NEW_DOCUMENTS", 400, "Upload the requested documents first, then hand them in.");
    const events = decideOrThrow(state, { type: "provideMaterial", documents }, { actor: actor.contract, at: nowInstant() });
    const { state: after } = await commitRegistration(tx, state, events);
    return { applicationId: input.applicationId, status: after.status, documents: documents.length };
  });
}
