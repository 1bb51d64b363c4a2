// GET /api/health: 200 once the database is open and migrated and the ledger keys exist
// (the e2e harness and load balancers wait on it); 503 with a short reason before that.
import { getDb } from "@/lib/db";
import { ensureLedgerKeys } from "@/lib/ledger/keys";

export async function GET(): Promise<Response> {
  try {
    await ensureLedgerKeys(await getDb());
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[health]", error);
    return Response.json({ ok: false, error: "database not ready" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
