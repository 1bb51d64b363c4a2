// GET /api/ledger/proof/inclusion?seq=N&size=S (DESIGN.md §5): RFC 6962 audit path.
import { getDb } from "@/lib/db";
import { getInclusionProof } from "@/lib/ledger/public-api";

export async function GET(request: Request): Promise<Response> {
  return getInclusionProof(await getDb(), request);
}
