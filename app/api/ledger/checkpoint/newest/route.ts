// GET /api/ledger/checkpoint/newest: the newest log-signed checkpoint, for witnesses.
import { getDb } from "@/lib/db";
import { getNewestCheckpoint } from "@/lib/ledger/public-api";

export async function GET(request: Request): Promise<Response> {
  return getNewestCheckpoint(await getDb(), request);
}
