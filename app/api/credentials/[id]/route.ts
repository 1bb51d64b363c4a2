// GET /api/credentials/{id} (DESIGN.md §6): the credential's proof bundle and live status.
import { getDb } from "@/lib/db";
import { getCredential } from "@/lib/dal/credentials/credential-api";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return getCredential(await getDb(), request, id);
}
