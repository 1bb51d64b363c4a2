// One fixed statement text with positional parameters ($1, $2, …), for hot paths that run
// the same statement over and over (ledger appends). drizzle's `execute` never prepares,
// and postgres.js then spends a round trip describing every parameterised statement before
// running it; as a named prepared statement (postgres.js `prepare: true`, cached per
// connection by its text) it is parsed and planned once per connection and every later
// call is one round trip. Only for texts that do not vary: each distinct text stays
// prepared on every connection. Inside a drizzle transaction the statement goes out on the
// transaction's own connection the same way; PGlite goes through drizzle.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "./index";

interface PostgresJsClient {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]>;
  reserve?(): Promise<PostgresJsClient & { release(): void }>;
}

/**
 * One connection of a postgres.js pool held by a caller (queryPrepared only): statements
 * sent through it reach PostgreSQL in the order they were sent, one behind the other on the
 * same socket (pipelined, no round trip in between). Give it back with release().
 */
export class PinnedConnection {
  constructor(readonly client: PostgresJsClient & { release(): void }) {}

  release(): void {
    this.client.release();
  }
}

/**
 * The postgres.js client behind a drizzle handle, if that is what it is: a database's pool
 * (`$client`), or a transaction's own connection (the client of its session, which drizzle
 * keeps on every handle but does not type).
 */
function postgresJsClient(q: Queryable): PostgresJsClient | null {
  const client: unknown = (q as { $client?: unknown }).$client ?? (q as { session?: { client?: unknown } }).session?.client;
  if (typeof client !== "function") return null; // PGlite's client is an object
  return typeof (client as { unsafe?: unknown }).unsafe === "function" ? (client as unknown as PostgresJsClient) : null;
}

/** Holds one connection of `db`'s pool for in-order statements; null on PGlite (one connection anyway). */
export async function pinConnection(db: Queryable): Promise<PinnedConnection | null> {
  const pool = postgresJsClient(db);
  if (!pool?.reserve) return null;
  return new PinnedConnection(await pool.reserve());
}

/** The same statement as drizzle SQL: each $n becomes a bound parameter. */
function withParams(text: string, params: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) chunks.push(sql.raw(part));
      return;
    }
    const n = Number(part);
    if (!(n >= 1 && n <= params.length)) throw new Error(`queryPrepared: $${part} has no parameter`);
    chunks.push(sql`${sql.param(params[n - 1])}`);
  });
  return sql.join(chunks);
}

/** Runs `text` with `params` and returns its rows. */
export async function queryPrepared<Row>(q: Queryable | PinnedConnection, text: string, params: readonly unknown[]): Promise<Row[]> {
  if (q instanceof PinnedConnection) return (await q.client.unsafe(text, [...params], { prepare: true })) as Row[];
  const client = postgresJsClient(q);
  if (client) return (await client.unsafe(text, [...params], { prepare: true })) as Row[];
  const answer = await q.execute(withParams(text, params));
  return (Array.isArray(answer) ? answer : (answer as { rows: unknown[] }).rows) as Row[];
}
