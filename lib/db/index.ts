// One database handle per process: embedded PGlite when DATABASE_URL is unset,
// PostgreSQL through postgres.js when it is set. Same schema, same migrations.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`; use-cases take this. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: read helpers accept both. */
export type Queryable = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs a script of several SQL statements (no parameters): guards, test resets. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function openDb(options: { url?: string; pgliteDir?: string | null } = {}): Promise<DbHandle> {
  const url = options.url ?? env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, { max: 10, onnotice: () => {} });
    return {
      db: drizzle(client, { schema, casing: "snake_case" }) as unknown as Db,
      kind: "postgres",
      exec: async (sql) => void (await client.unsafe(sql)),
      close: () => client.end(),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  // null: an in-memory database (tests); otherwise a folder under DATA_DIR.
  const dir = options.pgliteDir === null ? undefined : (options.pgliteDir ?? env.PGLITE_DIR ?? path.join(env.DATA_DIR, "pglite"));
  if (dir) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const client = dir ? new PGlite(dir) : new PGlite();
  await client.waitReady;
  return {
    db: drizzle(client, { schema, casing: "snake_case" }) as unknown as Db,
    kind: "pglite",
    exec: async (sql) => void (await client.exec(sql)),
    close: () => client.close(),
  };
}

const globalForDb = globalThis as unknown as { deedchainDb?: Promise<DbHandle> };

/** The process-wide handle (survives Next.js dev reloads). Migrated before first use. */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.deedchainDb ??= (async () => {
    const handle = await openDb();
    const { migrate } = await import("./migrate");
    await migrate(handle);
    return handle;
  })();
  return globalForDb.deedchainDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
