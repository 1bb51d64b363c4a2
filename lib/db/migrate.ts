// Applies the committed SQL migrations under drizzle/migrations, then drizzle/guards.sql:
// idempotent SQL that drizzle-kit cannot express (append-only triggers, grants), then the
// data steps SQL cannot do because they need the master key (sealing logins and names that
// an older version stored in clear).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sealLegacyIdentities } from "@/lib/dal/auth/user-identity";
import type { DbHandle } from "./index";

const drizzleFolder = path.join(process.cwd(), "drizzle");

export async function migrate(handle: DbHandle): Promise<void> {
  const migrationsFolder = path.join(drizzleFolder, "migrations");
  if (handle.kind === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(handle.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await run(handle.db as never, { migrationsFolder });
  }
  const guards = path.join(drizzleFolder, "guards.sql");
  if (existsSync(guards)) await handle.exec(readFileSync(guards, "utf8"));
  await sealLegacyIdentities(handle.db);
}
