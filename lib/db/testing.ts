// Throwaway databases for integration tests: an in-memory PGlite, or, when DATABASE_URL
// is set, a fresh database on that PostgreSQL server, dropped afterwards.
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { openDb, type DbHandle } from "./index";
import { migrate } from "./migrate";

export interface TestDb extends DbHandle {
  /** The connection string of the throwaway database (PostgreSQL only). */
  url?: string;
}

export async function createTestDb(): Promise<TestDb> {
  if (!env.DATABASE_URL) {
    const handle = await openDb({ pgliteDir: null });
    await migrate(handle);
    return handle;
  }
  const { default: postgres } = await import("postgres");
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = `deedchain_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString() });
  await migrate(handle);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const cleanup = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
