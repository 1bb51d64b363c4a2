"use server";
// Bank and court desk actions: each files through the registration flow (file-institution-filing.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { defineAction } from "@/lib/dal/action";
import { fileInstitutionFiling, type InstitutionFilingInput } from "@/lib/dal/properties/file-institution-filing";
import { getDb } from "@/lib/db";

const file = z.instanceof(File).refine((f) => f.size > 0, "choose a file");

async function documentOf(kind: "mortgage_contract" | "identity_document" | "release_certificate" | "court_order", f: File) {
  return { kind, fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()), declaredType: f.type || undefined };
}

async function run(input: InstitutionFilingInput, actor: Parameters<typeof fileInstitutionFiling>[1]["actor"]) {
  const result = await fileInstitutionFiling(await getDb(), { actor, input });
  revalidatePath("/institution");
  return { ok: true as const, applicationId: result.applicationId, status: result.status };
}

export const fileMortgage = defineAction(
  z.object({
    unitNumber: z.string().trim().min(1),
    ownerResidentId: z.string().trim().min(15).max(18),
    // Checked (folded, positive, bounded) by the use-case, which answers per field.
    securedAmount: z.string().trim().min(1, "yuanAmount").max(40),
    contract: file,
    identity: file,
  }),
  "mortgage.register",
  async (input, { actor }) =>
    run(
      {
        kind: "mortgage",
        unitNumber: input.unitNumber,
        ownerResidentId: input.ownerResidentId,
        securedAmount: input.securedAmount,
        documents: [await documentOf("mortgage_contract", input.contract), await documentOf("identity_document", input.identity)],
      },
      actor,
    ),
);

export const releaseMortgage = defineAction(
  z.object({ releases: z.string().regex(/^app-[0-9a-f-]{36}$/), unitNumber: z.string().trim().min(1), ownerResidentId: z.string().trim().min(15).max(18), certificate: file }),
  "mortgage.register",
  async (input, { actor }) =>
    run({ kind: "mortgage_release", unitNumber: input.unitNumber, ownerResidentId: input.ownerResidentId, releases: input.releases, documents: [await documentOf("release_certificate", input.certificate)] }, actor),
);

export const fileSeizure = defineAction(
  z.object({ unitNumber: z.string().trim().min(1), caseNumber: plainText({ min: 3, max: 60 }), order: file }),
  "seizure.file",
  async (input, { actor }) => run({ kind: "seizure", unitNumber: input.unitNumber, caseNumber: input.caseNumber, documents: [await documentOf("court_order", input.order)] }, actor),
);

export const liftSeizure = defineAction(
  z.object({ releases: z.string().regex(/^app-[0-9a-f-]{36}$/), unitNumber: z.string().trim().min(1), caseNumber: z.string().trim().min(3).max(60), order: file }),
  "seizure.file",
  async (input, { actor }) =>
    run({ kind: "seizure_release", unitNumber: input.unitNumber, caseNumber: input.caseNumber, releases: input.releases, documents: [await documentOf("court_order", input.order)] }, actor),
);
