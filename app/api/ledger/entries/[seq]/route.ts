// GET /api/ledger/entries/{seq} (DESIGN.md §5): one entry, byte for byte as signed.
import { getDb } from "@/lib/db";
import { getEntry } from "@/lib/ledger/public-api";

export async function GET(request: Request, context: { params: Promise<{ seq: string }> }): Promise<Response> {
  const { seq } = await context.params;
  return getEntry(await getDb(), request, seq);
}
