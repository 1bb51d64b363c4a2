// Resident (the filer only): the filing form as last saved, decrypted, so each step of the
// guided form shows what was typed before, plus the documents uploaded so far. Parties'
// ID numbers leave the server only towards the person who typed them.
import { asc, eq } from "drizzle-orm";
import type { ApplicationKind } from "@/contracts";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import type { Db } from "@/lib/db";
import { registrationDocuments, registrationDrafts } from "@/lib/db/schema";
import { flowActor } from "./actors";
import { loadApplication } from "./application-store";
import { notFound } from "./errors";
import type { PartyInput } from "./parties";

export interface DraftForm {
  applicationId: string;
  status: string;
  kind: ApplicationKind;
  unitNumber: string;
  parties: PartyInput[];
  documents: { documentId: string; kind: string; fileName: string | null; mediaType: string; size: number; sha256: string }[];
}

export async function getDraft(db: Db, options: { actor: Actor; applicationId: string }): Promise<DraftForm> {
  assertCan(options.actor, "application.file");
  const actor = await flowActor(db, options.actor);
  const { row, state } = await loadApplication(db, options.applicationId);
  if (row.filedBy !== actor.account.userId) throw notFound("The application", { resource: "application", id: row.id, exists: true });
  const [draft] = await db.select({ formCipher: registrationDrafts.formCipher }).from(registrationDrafts).where(eq(registrationDrafts.applicationId, options.applicationId));
  const form = draft ? (JSON.parse(await decryptPersonal(db, "registry", "draft_form", draft.formCipher)) as { kind: ApplicationKind; unitNumber: string; parties: PartyInput[] }) : null;
  const documents = await db
    .select({
      documentId: registrationDocuments.id,
      kind: registrationDocuments.kind,
      mediaType: registrationDocuments.mediaType,
      size: registrationDocuments.size,
      sha256: registrationDocuments.sha256,
    })
    .from(registrationDocuments)
    .where(eq(registrationDocuments.applicationId, options.applicationId))
    .orderBy(asc(registrationDocuments.createdAt));
  return {
    applicationId: options.applicationId,
    status: state.status,
    kind: form?.kind ?? state.content?.kind ?? (row.kind as ApplicationKind),
    unitNumber: form?.unitNumber ?? state.content?.unitNumber ?? row.unitNumber,
    parties: form?.parties ?? [],
    documents: documents.map((d) => ({ ...d, fileName: null })),
  };
}
