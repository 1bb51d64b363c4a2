// GET /api/ledger/proof/consistency?from=M&to=N (DESIGN.md §5): RFC 6962 consistency proof.
import { getDb } from "@/lib/db";
import { getConsistencyProof } from "@/lib/ledger/public-api";

export async function GET(request: Request): Promise<Response> {
  return getConsistencyProof(await getDb(), request);
}
