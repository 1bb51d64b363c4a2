// Prepares an e2e data folder with credentials for the seeded properties, until the seed
// issues them itself (drizzle/seed should call issueSeedCredentials after seeding):
//   DATA_DIR=.data/cred-e2e npx tsx e2e/credentials/prepare-data.ts
// Run it before `playwright test` (the server holds the embedded database once started).
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { seed } from "@/drizzle/seed";
import { issueSeedCredentials } from "@/lib/dal/credentials/seed-credentials";

const handle = await openDb();
try {
  await migrate(handle);
  await seed(handle);
  const { issued } = await issueSeedCredentials(handle);
  console.log(issued > 0 ? `Issued ${issued} seed credentials.` : "Seed credentials were already there.");
} finally {
  await handle.close();
}
