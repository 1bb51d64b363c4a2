// Prepares an e2e data folder for the registration specs: migrates and seeds it, then
// records in the tax bureau's own table that deed tax was just paid on every unit a demo
// resident holds (the seed's payments are all older than the 90-day window, and no portal
// page records a tax payment: that is the tax bureau's system). Run it before Playwright
// (the server holds the embedded database once started):
//   D=.data/ui-e2e-$RANDOM; DATA_DIR=$D npx tsx e2e/registration/prepare-data.ts
//   E2E_PORT=3700 E2E_DATA_DIR=$D npx playwright test e2e/registration
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { seed, residentRef } from "@/drizzle/seed";
import { taxDeedTaxPayments } from "@/lib/db/schema";
import { demoUnits } from "./seeded";

const handle = await openDb();
try {
  await migrate(handle);
  await seed(handle);
  const units = demoUnits();
  for (const u of units) {
    await handle.db.insert(taxDeedTaxPayments).values({ unitNumber: u.unitNumber, payerRef: residentRef(u.holder.residentId), amount: "12000.00", paidAt: new Date(Date.now() - 60_000) });
  }
  console.log(`Recorded deed tax paid just now on ${units.length} demo units.`);
} finally {
  await handle.close();
}
