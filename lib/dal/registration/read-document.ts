// A document's bytes, decrypted: for the filer and the parties (their own case), or for a
// registry clerk — whose read of a resident's document is a read of personal data, so it is
// decided by access-log@1 against a live case_review grant and recorded (subject: the
// uploader's keyed ref) before anything is decrypted.
import { eq } from "drizzle-orm";
import { accessLog, registration } from "@/contracts";
import type { ContractError } from "@/contracts";
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationDocuments, users } from "@/lib/db/schema";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { loadGrants } from "@/lib/dal/access/grants-store";
import { flowActor, nowInstant } from "./actors";
import { isOwnApplication } from "./access";
import { loadApplication } from "./application-store";
import { decryptDocument } from "./documents";
import { FlowError, notFound } from "./errors";
import { appendEvents } from "./ledger-io";

export interface DocumentContent {
  documentId: string;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
}

export async function readDocument(db: Db, options: { actor: Actor; documentId: string }): Promise<DocumentContent> {
  const staff = can(options.actor, "application.view") && options.actor.department === "registry";
  if (!staff && !can(options.actor, "application.view_own")) throw new ForbiddenError(undefined, "application.view_own");
  const result = await db.transaction(async (tx): Promise<{ ok: true; doc: DocumentContent } | { ok: false; error: ContractError }> => {
    const [doc] = await tx.select().from(registrationDocuments).where(eq(registrationDocuments.id, options.documentId));
    if (!doc) throw notFound("The document", { resource: "document", id: options.documentId, exists: false });
    const actor = await flowActor(tx, options.actor);
    const { row, state } = await loadApplication(tx, doc.applicationId);
    if (!staff) {
      if (!isOwnApplication(actor, row, state) || (state.status === "draft" && row.filedBy !== actor.account.userId)) throw notFound("The document", { resource: "document", id: doc.id, exists: true });
    } else {
      if (state.status === "draft" || state.status === "none") throw notFound("The document", { resource: "document", id: doc.id, exists: true });
      const [uploader] = await tx.select({ ref: users.residentIdHmac }).from(users).where(eq(users.id, doc.uploadedBy));
      const subjectRef = uploader?.ref ?? `user:${doc.uploadedBy}`;
      const read = accessLog.decideRead(
        { department: "registry", check: "case_view", purpose: "case_review", subjectRef, applicationId: doc.applicationId, applicationOpen: registration.isOpen(state) },
        { kind: "grants", grants: await loadGrants(tx, "registry") },
        { actor: actor.contract, at: nowInstant() },
      );
      await appendEvents(tx, read.events);
      if (!read.ok) return { ok: false, error: read.error };
    }
    const bytes = await decryptDocument(tx, doc.id, doc.bytesCipher);
    return {
      ok: true,
      doc: { documentId: doc.id, fileName: await decryptPersonal(tx, "registry", "document_name", doc.fileNameCipher), mediaType: doc.mediaType, bytes, sha256: doc.sha256 },
    };
  });
  if (!result.ok) {
    throw new FlowError(result.error.code, 403, "Reading this document needs a live case-review authorisation from the registry's admin. The refusal has been recorded.");
  }
  return result.doc;
}
