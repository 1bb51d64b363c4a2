// GET /api/ledger/keys (DESIGN.md §5): every ledger key, credential keys included.
import { getDb } from "@/lib/db";
import { getKeys } from "@/lib/ledger/public-api";

export async function GET(request: Request): Promise<Response> {
  return getKeys(await getDb(), request);
}
