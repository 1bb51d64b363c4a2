// GET /api/ledger/checkpoint (DESIGN.md §5): the latest checkpoint as a signed note.
import { getDb } from "@/lib/db";
import { getCheckpoint } from "@/lib/ledger/public-api";

export async function GET(request: Request): Promise<Response> {
  return getCheckpoint(await getDb(), request);
}
