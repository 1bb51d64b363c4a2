// A document as a download: the resident (their own case) or a registry clerk under a live
// case-review grant — whose read writes an access entry, like opening the case — gets the
// bytes; everyone else, and a clerk whose read was refused (the refusal is still recorded),
// gets the same 404 as for a document that does not exist, so nothing learns it exists.
// The media type is sniffed again from the decrypted bytes, never taken from the upload.
import { ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { sniffMediaType } from "./documents";
import { recordIfRefused, recordRefusedAccess } from "@/lib/dal/security/refused-access";
import { FlowError } from "./errors";
import { readDocument } from "./read-document";

export type DocumentDownload =
  | { ok: true; bytes: Uint8Array; mediaType: string; fileName: string; sha256: string }
  | { ok: false; status: 404 };

export async function downloadDocument(db: Db, options: { actor: Actor; documentId: string }): Promise<DocumentDownload> {
  if (!/^doc-[0-9a-f-]{36}$/i.test(options.documentId)) {
    await recordRefusedAccess(db, options.actor, { resource: "document", id: options.documentId, exists: false });
    return { ok: false, status: 404 };
  }
  try {
    const doc = await readDocument(db, options);
    return { ok: true, bytes: doc.bytes, mediaType: sniffMediaType(doc.bytes) ?? "application/octet-stream", fileName: doc.fileName, sha256: doc.sha256 };
  } catch (error) {
    // The attempt is recorded: a resident's or another role's in access_refusals, a clerk's refused read on the ledger (access.refused).
    if (error instanceof ForbiddenError) await recordRefusedAccess(db, options.actor, { resource: "document", id: options.documentId });
    else await recordIfRefused(db, options.actor, error);
    if (error instanceof ForbiddenError || (error instanceof FlowError && (error.status === 403 || error.status === 404))) return { ok: false, status: 404 };
    throw error;
  }
}

/** RFC 6266 / RFC 8187: an ASCII fallback name and the real (UTF-8) name. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "document";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
