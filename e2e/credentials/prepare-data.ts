// Prepares a data folder (migrated, seeded, with seed credentials) without starting the
// portal, e.g. for bench/verify.ts:  DATA_DIR=.data/cred-bench npx tsx e2e/credentials/prepare-data.ts
// (the seed issues the credentials itself; issueSeedCredentials here is a no-op then).
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
