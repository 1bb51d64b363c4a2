// `npm run db:migrate`: applies the committed migrations (and drizzle/guards.sql) to the
// database lib/env.ts points at, then closes it (PGlite allows one process per folder).
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { describeDatabase } from "./database-label";

const handle = await openDb();
try {
  await migrate(handle);
  console.log(`Migrations applied to ${describeDatabase()}.`);
} finally {
  await handle.close();
}
