// POST /api/ledger/witness-refusals {report, signature}: a remote witness reports a checkpoint
// it refused; the report authenticates itself by the department key's signature.
import { getDb } from "@/lib/db";
import { postWitnessRefusal } from "@/lib/ledger/public-api";

export async function POST(request: Request): Promise<Response> {
  return postWitnessRefusal(await getDb(), request);
}
