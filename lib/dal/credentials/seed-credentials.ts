// Credentials for the demo city's properties (drizzle/seed), so the verify page, the PDF and
// the institution API have something to show on a fresh install. The seeded properties are
// registered before the ledger begins, so their status flags are given, not folded. Idempotent:
// a database that already holds credentials is left alone.
import { count } from "drizzle-orm";
import type { DbHandle } from "@/lib/db";
import { credentials } from "@/lib/db/schema";
import { personalRef } from "@/lib/crypto/personal-data";
import { buildSeedData } from "@/drizzle/seed/seed-data";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { issueCredential } from "./issue-credential";

export async function issueSeedCredentials(handle: Pick<DbHandle, "db">): Promise<{ issued: number }> {
  const [existing] = await handle.db.select({ n: count() }).from(credentials);
  if ((existing?.n ?? 0) > 0) return { issued: 0 };
  await ensureLedgerKeys(handle.db);
  const data = buildSeedData();
  return handle.db.transaction(async (tx) => {
    let issued = 0;
    for (const p of data.properties) {
      if (p.holders.length === 0) continue;
      await issueCredential(tx, {
        unitNumber: p.unitNumber,
        reason: "seed",
        status: { registered: true, mortgaged: false, seized: false, inTransaction: false },
        holders: p.holders.map((h) => {
          const person = data.persons[h.person]!;
          return { ref: personalRef("resident-id", person.residentId), name: person.name, residentId: person.residentId };
        }),
      });
      issued += 1;
    }
    return { issued };
  });
}
