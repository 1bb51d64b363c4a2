// Prepares an e2e data folder for the registration specs: migrates and seeds it. The seed
// itself records deed tax paid a week before the seed time on every demo resident's unit and
// sets the registry's case_view standing rule, so nothing else is needed here; the file stays
// so that `npm test` keeps one prepare step per area. Run it before Playwright (the server
// holds the embedded database once started):
//   D=.data/ui-e2e-$RANDOM; DATA_DIR=$D npx tsx e2e/registration/prepare-data.ts
//   E2E_PORT=3700 E2E_DATA_DIR=$D npx playwright test e2e/registration
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { seed } from "@/drizzle/seed";

const handle = await openDb();
try {
  await migrate(handle);
  await seed(handle);
} finally {
  await handle.close();
}
