// The database guard (DESIGN.md §4): ledger tables refuse UPDATE, DELETE and TRUNCATE by
// trigger for everyone (PGlite and PostgreSQL), and on PostgreSQL the application role
// `deedchain_app` lacks the privileges in the first place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { ensureLedgerKeys } from "./keys";
import { appendSamples } from "./testing/sample";

const LEDGER_TABLES = ["ledger_entries", "ledger_hashes", "ledger_checkpoints", "ledger_cosignatures"];
// An UPDATE that would change nothing: refused all the same.
const NO_OP_UPDATE: Record<string, string> = {
  ledger_entries: "entry = entry",
  ledger_hashes: "hash = hash",
  ledger_checkpoints: "body = body",
  ledger_cosignatures: "line = line",
};

describe("ledger guards", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
    await appendSamples(handle.db, 3);
  });
  afterAll(async () => handle.close());

  it("triggers refuse UPDATE, DELETE and TRUNCATE even for the owner", async () => {
    await expect(handle.exec("UPDATE ledger_entries SET entry = entry || ' ' WHERE seq = 1")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(handle.exec("DELETE FROM ledger_entries WHERE seq = 2")).rejects.toThrow(/append-only: DELETE refused/);
    await expect(handle.exec("UPDATE ledger_hashes SET hash = hash WHERE idx = 0")).rejects.toThrow(/append-only/);
    for (const table of LEDGER_TABLES) {
      await expect(handle.exec(`TRUNCATE ${table} CASCADE`), table).rejects.toThrow(/append-only: TRUNCATE refused/);
    }
    await expect(handle.exec("DELETE FROM ledger_keys")).rejects.toThrow(/append-only/);
    await expect(handle.exec("UPDATE ledger_keys SET public_key = 'x'")).rejects.toThrow(/may only be retired or revoked/);
    await expect(handle.exec("UPDATE ledger_head SET size = 0")).rejects.toThrow(/may only move forward/);
    await expect(handle.exec("DELETE FROM ledger_head")).rejects.toThrow(/append-only/);
  });

  it.runIf(Boolean(env.DATABASE_URL))("the application role cannot UPDATE, DELETE or TRUNCATE ledger tables", async () => {
    // drizzle wraps the driver's error ("Failed query: …"); PostgreSQL's own message is the cause.
    const attempt = (statement: string) =>
      handle.db
        .transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL ROLE deedchain_app`);
          await tx.execute(sql.raw(statement));
        })
        .catch((error: Error) => {
          throw new Error(`${error.message} / ${(error.cause as Error | undefined)?.message ?? ""}`);
        });
    for (const table of LEDGER_TABLES) {
      await expect(attempt(`UPDATE ${table} SET ${NO_OP_UPDATE[table]}`), `UPDATE ${table}`).rejects.toThrow(/permission denied/);
      await expect(attempt(`DELETE FROM ${table}`), `DELETE ${table}`).rejects.toThrow(/permission denied/);
      await expect(attempt(`TRUNCATE ${table}`), `TRUNCATE ${table}`).rejects.toThrow(/permission denied/);
    }
    await expect(attempt("DELETE FROM ledger_keys"), "DELETE ledger_keys").rejects.toThrow(/permission denied/);
    await expect(attempt("UPDATE ledger_keys SET public_key = public_key"), "UPDATE ledger_keys.public_key").rejects.toThrow(/permission denied/);
    // What the portal does need still works for the role.
    await expect(attempt("SELECT count(*) FROM ledger_entries")).resolves.toBeUndefined();
    await expect(attempt("UPDATE ledger_witness_states SET tree_size = tree_size")).resolves.toBeUndefined();
  });
});
