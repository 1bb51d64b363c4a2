// Resident: upload one document to a draft (or, when the registry asked for more material,
// to the case). Bytes are sniffed, size-checked and stored encrypted; nothing goes on the
// ledger yet: the SHA-256 is cited when the draft is saved or submitted, or the material provided.
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { documentKindSchema } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import { assertMayFileAny } from "./filing";
import type { Db } from "@/lib/db";
import { registrationDocuments } from "@/lib/db/schema";
import { encryptPersonal } from "@/lib/crypto/personal-data";
import { flowActor } from "./actors";
import { assertOwnApplication } from "./access";
import { loadApplication } from "./application-store";
import { checkDocumentBytes, checkFileName, encryptDocument, sha256Hex } from "./documents";
import { FlowError, notFound } from "./errors";
import { parseInput } from "./input";
import { applicationIdSchema } from "./save-draft";

export const uploadDocumentInputSchema = z.object({
  applicationId: applicationIdSchema,
  kind: documentKindSchema,
  fileName: z.string().max(1000),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "expected the file's bytes"),
  /** What the browser claimed (File.type); checked against the content, never trusted. */
  declaredType: z.string().max(100).optional(),
});
export type UploadDocumentInput = z.input<typeof uploadDocumentInputSchema>;

export interface UploadDocumentResult {
  documentId: string;
  sha256: string;
  mediaType: string;
  size: number;
}

const MAX_DOCUMENTS_PER_APPLICATION = 60;

export async function uploadDocument(db: Db, options: { actor: Actor; input: UploadDocumentInput }): Promise<UploadDocumentResult> {
  assertMayFileAny(options.actor);
  const input = parseInput(uploadDocumentInputSchema, options.input);
  // Every check before the transaction: a refused file writes nothing.
  const fileName = checkFileName(input.fileName);
  const mediaType = checkDocumentBytes(input.bytes, input.declaredType);
  return db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const { row, state } = await loadApplication(tx, input.applicationId, { lock: true });
    assertOwnApplication(actor, row, state);
    const open = state.status === "draft" ? row.filedBy === actor.account.userId : state.status === "more_material_requested";
    if (!open) {
      if (state.status === "draft") throw notFound("The application", { resource: "application", id: row.id, exists: true });
      throw new FlowError("DOCUMENTS_CLOSED", 409, "Documents can be added to a draft, or when the registry asks for more material.");
    }
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(registrationDocuments).where(eq(registrationDocuments.applicationId, input.applicationId));
    if (n >= MAX_DOCUMENTS_PER_APPLICATION) throw new FlowError("TOO_MANY_DOCUMENTS", 409, `An application holds at most ${MAX_DOCUMENTS_PER_APPLICATION} documents.`, undefined, { max: MAX_DOCUMENTS_PER_APPLICATION });
    const documentId = `doc-${randomUUID()}`;
    const sha256 = sha256Hex(input.bytes);
    await tx.insert(registrationDocuments).values({
      id: documentId,
      applicationId: input.applicationId,
      uploadedBy: actor.account.userId,
      kind: input.kind,
      fileNameCipher: await encryptPersonal(tx, "registry", "document_name", fileName),
      mediaType,
      size: input.bytes.length,
      sha256,
      bytesCipher: await encryptDocument(tx, documentId, input.bytes),
    });
    return { documentId, sha256, mediaType, size: input.bytes.length };
  });
}
