// GET /api/credentials/{id}/pdf: the holder downloads their credential as a PDF whose QR
// code points to /verify/{id}. Signed-in holders only; anyone else gets 401 or 404.
import { getActor } from "@/lib/dal/auth/get-actor";
import { getCredentialPdf } from "@/lib/dal/credentials/get-credential-pdf";
import { getDb } from "@/lib/db";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to download your credential." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const result = await getCredentialPdf(await getDb(), actor, id, new URL(request.url).origin);
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status, headers: { "Cache-Control": "no-store" } });
  return new Response(result.bytes as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
