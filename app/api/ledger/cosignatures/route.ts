// POST /api/ledger/cosignatures {treeSize, line}: a department witness's cosignature; the
// signed-note line authenticates itself against the active department key.
import { getDb } from "@/lib/db";
import { postCosignature } from "@/lib/ledger/public-api";

export async function POST(request: Request): Promise<Response> {
  return postCosignature(await getDb(), request);
}
