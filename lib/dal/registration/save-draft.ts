// Resident: save the filing form server-side (kind → unit → parties → documents). Parties
// are typed as resident ID numbers and stored on the ledger as keyed refs; the form as typed
// is kept encrypted so the next step can show it again. An unchanged draft writes nothing.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { applicationKindSchema, registration } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationApplications, registrationDrafts } from "@/lib/db/schema";
import { encryptPersonal } from "@/lib/crypto/personal-data";
import { plainText } from "@/lib/domain/plain-text";
import { isUnitNumber } from "@/lib/domain/unit-number";
import { yuanAmountSchema } from "@/contracts/shared/money";
import { flowActor, nowInstant } from "./actors";
import { loadApplication } from "./application-store";
import { commitRegistration, decideOrThrow } from "./commit";
import { documentRefs } from "./document-refs";
import { FlowError, notFound } from "./errors";
import { assertMayFile } from "./filing";
import { parseInput } from "./input";
import { partyInputSchema, resolveParties } from "./parties";
import { securedAmountRef } from "./secured-amount";

export const applicationIdSchema = z.string().regex(/^app-[0-9a-f-]{36}$/, "not an application id");

export const saveDraftInputSchema = z.object({
  /** Absent for a new application. */
  applicationId: applicationIdSchema.optional(),
  kind: applicationKindSchema,
  unitNumber: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isUnitNumber, "expected a 28-character property unit number (GB/T 37346)"),
  parties: z.array(partyInputSchema).max(20).default([]),
  /** Documents to list; absent = every document uploaded to this application. */
  documentIds: z.array(z.string().max(60)).max(60).optional(),
  releases: z.string().regex(/^app-[0-9a-f-]{36}$/).nullable().default(null),
  caseNumber: plainText({ min: 3, max: 60 }).nullable().default(null),
  /** Mortgage only: the secured principal in yuan as typed ("1,200,000", full-width digits folded). */
  securedAmount: yuanAmountSchema.nullable().default(null),
});
export type SaveDraftInput = z.input<typeof saveDraftInputSchema>;

export interface SaveDraftResult {
  applicationId: string;
  status: string;
  /** False when nothing changed (no ledger entry written). */
  saved: boolean;
}

export async function saveDraft(db: Db, options: { actor: Actor; input: SaveDraftInput }): Promise<SaveDraftResult> {
  const input = parseInput(saveDraftInputSchema, options.input);
  assertMayFile(input.kind, options.actor);
  const { parties, typed } = resolveParties(input.parties);
  return db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    let applicationId = input.applicationId;
    let state = registration.INITIAL_REGISTRATION;
    if (applicationId) {
      const loaded = await loadApplication(tx, applicationId, { lock: true });
      if (loaded.row.filedBy !== actor.account.userId) throw notFound("The application", { resource: "application", id: applicationId, exists: true });
      state = loaded.state;
    } else {
      applicationId = `app-${randomUUID()}`;
      await tx.insert(registrationApplications).values({
        id: applicationId,
        kind: input.kind,
        unitNumber: input.unitNumber,
        status: "none",
        filedBy: actor.account.userId,
        statusSince: new Date(),
        lastSeq: -1,
      });
    }
    const documents = await documentRefs(tx, applicationId, input.documentIds);
    const events = decideOrThrow(
      state,
      {
        type: "saveDraft",
        applicationId,
        kind: input.kind,
        unitNumber: input.unitNumber,
        parties,
        documents,
        releases: input.releases,
        caseNumber: input.caseNumber,
        securedAmountRef: input.securedAmount === null ? null : securedAmountRef(applicationId, input.securedAmount),
      },
      { actor: actor.contract, at: nowInstant() },
    );
    const committed = await commitRegistration(tx, state, events);
    const form = JSON.stringify({
      kind: input.kind,
      unitNumber: input.unitNumber,
      parties: typed,
      releases: input.releases,
      caseNumber: input.caseNumber,
      ...(input.securedAmount === null ? {} : { securedAmount: input.securedAmount }),
    });
    const formCipher = await encryptPersonal(tx, "registry", "draft_form", form);
    await tx
      .insert(registrationDrafts)
      .values({ applicationId, userId: actor.account.userId, formCipher })
      .onConflictDoUpdate({ target: registrationDrafts.applicationId, set: { formCipher, updatedAt: new Date() } });
    if (committed.state.status === "none") throw new FlowError("NOT_SAVED", 409, "The draft could not be saved.");
    return { applicationId, status: committed.state.status, saved: events.length > 0 };
  });
}
