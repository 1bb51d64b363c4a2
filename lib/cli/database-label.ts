// A human-readable name for the database in use, without the password.
import path from "node:path";
import { env } from "@/lib/env";

export function describeDatabase(): string {
  if (!env.DATABASE_URL) return `embedded PGlite at ${env.PGLITE_DIR ?? path.join(env.DATA_DIR, "pglite")}`;
  const url = new URL(env.DATABASE_URL);
  url.password = "";
  return `PostgreSQL ${url.host}${url.pathname}`;
}
