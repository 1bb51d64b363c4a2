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

/**
 * The PostgreSQL role the portal's queries run as (drizzle/guards.sql creates it): it may
 * read and insert ledger rows but not UPDATE, DELETE or TRUNCATE them.
 */
export const APP_ROLE = "deedchain_app";

export interface OpenDbOptions {
  url?: string;
  pgliteDir?: string | null;
  /**
   * "owner" (default): the connection's own role, for migrations, seeding and tests.
   * "app": what the running portal uses. Unless the connection string already logs in as
   * deedchain_app, every connection takes that role at start-up (the `role` start-up
   * parameter, like `SET ROLE`), so a portal given the owner's or a superuser's URL still
   * cannot rewrite the ledger. PGlite has no roles: there the triggers are the guard.
   */
  as?: "owner" | "app";
}

export async function openDb(options: OpenDbOptions = {}): Promise<DbHandle> {
  const as = options.as ?? "owner";
  const url = options.url ?? (as === "owner" ? (env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL) : env.DATABASE_URL);
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const loginRole = decodeURIComponent(new URL(url).username);
    const connection = as === "app" && loginRole !== APP_ROLE ? { role: APP_ROLE } : undefined;
    const client = postgres(url, { max: 10, onnotice: () => {}, ...(connection ? { connection } : {}) });
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

/**
 * The process-wide handle (survives Next.js dev reloads). Migrated before first use: on
 * PostgreSQL by a short-lived owner connection (MIGRATION_DATABASE_URL, else DATABASE_URL),
 * then the portal's own connections run as deedchain_app.
 */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.deedchainDb ??= (async () => {
    const { migrate } = await import("./migrate");
    if (!env.DATABASE_URL) {
      const handle = await openDb();
      await migrate(handle);
      return handle;
    }
    const owner = await openDb({ as: "owner" });
    try {
      await migrate(owner);
    } finally {
      await owner.close();
    }
    return openDb({ as: "app" });
  })();
  return globalForDb.deedchainDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
