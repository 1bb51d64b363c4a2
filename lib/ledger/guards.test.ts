// The database guard (DESIGN.md §4): ledger tables refuse UPDATE, DELETE and TRUNCATE by
// trigger for everyone (PGlite and PostgreSQL), and on PostgreSQL the application role
// `deedchain_app` lacks the privileges in the first place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDb } from "@/lib/db";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { ensureLedgerKeys } from "./keys";
import { appendSamples } from "./testing/sample";
import { verifyLedger } from "./verify";

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

  it.runIf(Boolean(env.DATABASE_URL))(
    "the portal's own connection (openDb as the server opens it) runs as deedchain_app and is refused",
    async () => {
      // The server's getDbHandle opens exactly this, with DATABASE_URL; here with the throwaway
      // database's URL, which logs in as the owner (postgres), like `npm start` does in tests.
      const app = await openDb({ url: handle.url!, as: "app" });
      try {
        const rows = (await app.db.execute(sql`select current_user as role`)) as unknown as { role: string }[];
        expect(rows[0]?.role).toBe("deedchain_app");
        const refusal = (statement: string) =>
          app.exec(statement).then(
            () => "allowed",
            (error: Error) => error.message,
          );
        for (const table of LEDGER_TABLES) {
          // The privilege check comes before the trigger: refused as permission, not as a trigger's exception.
          expect(await refusal(`UPDATE ${table} SET ${NO_OP_UPDATE[table]}`), `UPDATE ${table}`).toBe(`permission denied for table ${table}`);
          expect(await refusal(`DELETE FROM ${table}`), `DELETE ${table}`).toBe(`permission denied for table ${table}`);
          expect(await refusal(`TRUNCATE ${table}`), `TRUNCATE ${table}`).toBe(`permission denied for table ${table}`);
        }
        expect(await refusal("DELETE FROM ledger_keys")).toBe("permission denied for table ledger_keys");
        // (A session that said RESET ROLE would be the owner again: production therefore logs
        // in as deedchain_app itself; README, drizzle/guards.sql.)
        // What the portal does need still works: appends (inside a transaction) and the audit.
        const before = (await verifyLedger(app.db)).entries;
        await appendSamples(app.db, 4, { tag: "as-app" });
        const audit = await verifyLedger(app.db);
        expect(audit.problem).toBeUndefined();
        expect(audit.entries).toBe(before + 4);
      } finally {
        await app.close();
      }
    },
  );
});
