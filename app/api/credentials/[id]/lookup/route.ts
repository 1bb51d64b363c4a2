// POST /api/credentials/{id}/lookup: an institution's lookup with its API key and the
// disclosures a holder shared; logged for the holder to see.
import { getDb } from "@/lib/db";
import { postLookup } from "@/lib/dal/credentials/credential-api";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return postLookup(await getDb(), request, id);
}
