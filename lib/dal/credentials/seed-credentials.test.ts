import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/drizzle/seed";
import { buildSeedData } from "@/drizzle/seed/seed-data";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { credentials, ledgerEntries } from "@/lib/db/schema";
import { issueSeedCredentials } from "./seed-credentials";

describe("seed credentials", () => {
  let handle: TestDb;
  let seeded: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    handle = await createTestDb();
    seeded = await seed(handle, { history: false }); // the seed calls issueSeedCredentials
  });
  afterAll(async () => handle.close());

  it("issues one valid, logged credential per seeded property with holders, once", async () => {
    const expected = buildSeedData().properties.filter((p) => p.holders.length > 0).length;
    expect(seeded.credentialsIssued).toBe(expected);
    const [rows] = await handle.db.select({ n: count() }).from(credentials).where(eq(credentials.status, "valid"));
    expect(rows!.n).toBe(expected);
    const [logged] = await handle.db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.type, "credential.issued"));
    expect(logged!.n).toBe(expected);
    expect(await issueSeedCredentials(handle)).toEqual({ issued: 0 });
  });
});
