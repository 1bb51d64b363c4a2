// Document rows → the contract's DocumentRef (id, SHA-256, kind).
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DocumentRef } from "@/contracts";
import type { Queryable } from "@/lib/db";
import { registrationDocuments } from "@/lib/db/schema";
import { FlowError } from "./errors";

export async function documentRefs(q: Queryable, applicationId: string, documentIds?: readonly string[]): Promise<DocumentRef[]> {
  const where =
    documentIds === undefined
      ? eq(registrationDocuments.applicationId, applicationId)
      : and(eq(registrationDocuments.applicationId, applicationId), inArray(registrationDocuments.id, documentIds.length > 0 ? [...documentIds] : ["-"]));
  const rows = await q
    .select({ documentId: registrationDocuments.id, sha256: registrationDocuments.sha256, kind: registrationDocuments.kind })
    .from(registrationDocuments)
    .where(where)
    .orderBy(asc(registrationDocuments.createdAt), asc(registrationDocuments.id));
  if (documentIds !== undefined) {
    const missing = documentIds.filter((id) => !rows.some((r) => r.documentId === id));
    if (missing.length > 0) throw new FlowError("UNKNOWN_DOCUMENT", 400, `These documents are not uploaded to this application: ${missing.join(", ")}.`, undefined, { ids: missing.join(", ") });
  }
  return rows.map((r) => ({ documentId: r.documentId, sha256: r.sha256, kind: r.kind as DocumentRef["kind"] }));
}
