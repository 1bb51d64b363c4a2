// Bank and court desks (issue 5): a bank files a mortgage or its release, a court a seizure or
// its lifting, through the registration flow's own use-cases (save draft → upload → submit),
// so each goes through registration@1, the rules and the ledger like any filing. The registry
// then decides; a mortgage and its release wait for the owner's online confirmation first.
// Three steps, three transactions: a refusal midway leaves a draft the desk lists, never a
// half-submitted case.
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { saveDraft } from "@/lib/dal/registration/save-draft";
import { submitApplication } from "@/lib/dal/registration/submit-application";
import { checkDocumentBytes, checkFileName } from "@/lib/dal/registration/documents";
import { uploadDocument } from "@/lib/dal/registration/upload-document";
import { parseInput } from "@/lib/dal/registration/input";
import { yuanAmountSchema } from "@/contracts/shared/money";

const documentSchema = z.object({
  kind: z.enum(["mortgage_contract", "identity_document", "release_certificate", "court_order"]),
  fileName: z.string().min(1).max(200),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "expected the file's bytes"),
  declaredType: z.string().max(100).optional(),
});

export const institutionFilingSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("mortgage"),
    unitNumber: z.string(),
    ownerResidentId: z.string().trim().min(15).max(18),
    /** The secured principal in yuan: a bank always states it (被担保主债权数额). */
    securedAmount: yuanAmountSchema,
    documents: z.array(documentSchema).min(1).max(5),
  }),
  z.object({
    kind: z.literal("mortgage_release"),
    unitNumber: z.string(),
    ownerResidentId: z.string().trim().min(15).max(18),
    releases: z.string().regex(/^app-[0-9a-f-]{36}$/),
    documents: z.array(documentSchema).min(1).max(5),
  }),
  z.object({ kind: z.literal("seizure"), unitNumber: z.string(), caseNumber: plainText({ min: 3, max: 60 }), documents: z.array(documentSchema).min(1).max(5) }),
  z.object({
    kind: z.literal("seizure_release"),
    unitNumber: z.string(),
    caseNumber: plainText({ min: 3, max: 60 }),
    releases: z.string().regex(/^app-[0-9a-f-]{36}$/),
    documents: z.array(documentSchema).min(1).max(5),
  }),
]);
export type InstitutionFilingInput = z.input<typeof institutionFilingSchema>;

export async function fileInstitutionFiling(db: Db, options: { actor: Actor; input: InstitutionFilingInput }): Promise<{ applicationId: string; status: string; pendingConfirmations: number }> {
  const input = parseInput(institutionFilingSchema, options.input);
  // A document that would be refused is refused before the draft is saved, so a desk that
  // sends an SVG or an archive as the court order leaves nothing behind.
  for (const d of input.documents) {
    checkFileName(d.fileName);
    checkDocumentBytes(d.bytes, d.declaredType);
  }
  const parties =
    input.kind === "mortgage" || input.kind === "mortgage_release"
      ? [{ role: "applicant" as const, residentId: input.ownerResidentId }, { role: "mortgagee" as const, organisation: "bank" as const }]
      : [{ role: "court" as const, organisation: "court" as const }];
  const draft = await saveDraft(db, {
    actor: options.actor,
    input: {
      kind: input.kind,
      unitNumber: input.unitNumber,
      parties,
      releases: "releases" in input ? input.releases : null,
      caseNumber: "caseNumber" in input ? input.caseNumber : null,
      securedAmount: input.kind === "mortgage" ? input.securedAmount : null,
    },
  });
  for (const d of input.documents) {
    await uploadDocument(db, { actor: options.actor, input: { applicationId: draft.applicationId, kind: d.kind, fileName: d.fileName, bytes: d.bytes, declaredType: d.declaredType } });
  }
  const submitted = await submitApplication(db, { actor: options.actor, applicationId: draft.applicationId });
  return { applicationId: submitted.applicationId, status: submitted.status, pendingConfirmations: submitted.pendingConfirmations };
}
