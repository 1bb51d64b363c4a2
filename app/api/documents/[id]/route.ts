// GET /api/documents/{id}: an uploaded document as an attachment, for the resident whose case
// it is and for a registry clerk under a live case-review grant (the read is recorded on the
// ledger). Anyone else signed in gets the same 404 as for an unknown id; anonymous gets 401.
import { getActor } from "@/lib/dal/auth/get-actor";
import { attachmentDisposition, downloadDocument } from "@/lib/dal/registration/download-document";
import { getDb } from "@/lib/db";

const noStore = { "Cache-Control": "no-store" };

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to download documents." }, { status: 401, headers: noStore });
  const result = await downloadDocument(await getDb(), { actor, documentId: id });
  if (!result.ok) return Response.json({ error: "There is no such document, or it is not yours to see." }, { status: 404, headers: noStore });
  return new Response(result.bytes as BodyInit, {
    headers: {
      ...noStore,
      "Content-Type": result.mediaType,
      "Content-Disposition": attachmentDisposition(result.fileName),
      "Content-Length": String(result.bytes.length),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
