// Empties the PostgreSQL database at DATABASE_URL before the end-to-end tests (e2e/run-tests.sh):
// drops every schema the app created (public, the departments' schemas, drizzle's migration
// journal, anything added later) and recreates an empty `public`. It refuses a database
// whose name does not contain "test", so `npm test` cannot wipe a real installation.
import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { openDb } from "@/lib/db";

if (!env.DATABASE_URL) {
  console.error("reset-test-database: DATABASE_URL is not set; the embedded database is reset by deleting its folder.");
  process.exit(2);
}
const name = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1));
if (!/test/i.test(name)) {
  console.error(`reset-test-database: refusing to wipe database "${name}": its name does not contain "test".`);
  process.exit(2);
}

const handle = await openDb();
try {
  const result = await handle.db.execute(sql`
    select nspname as name from pg_namespace
    where nspname not like 'pg\_%' and nspname <> 'information_schema'`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { name: string }[];
  const schemas = rows.map((r) => r.name);
  const quoted = schemas.map((s) => `"${s.replaceAll('"', '""')}"`);
  await handle.exec(`${quoted.map((q) => `DROP SCHEMA IF EXISTS ${q} CASCADE;`).join("\n")}\nCREATE SCHEMA public;`);
  console.log(`Reset database "${name}": dropped ${schemas.length ? schemas.join(", ") : "nothing"}; recreated an empty public schema.`);
} finally {
  await handle.close();
}
