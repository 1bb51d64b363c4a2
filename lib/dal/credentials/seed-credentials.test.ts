import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/drizzle/seed";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { credentials, ledgerEntries } from "@/lib/db/schema";
import { issueSeedCredentials } from "./seed-credentials";

describe("seed credentials", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    await seed(handle);
  });
  afterAll(async () => handle.close());

  it("issues one valid credential per seeded property, logged, once", async () => {
    const { issued } = await issueSeedCredentials(handle);
    expect(issued).toBeGreaterThan(100);
    const [rows] = await handle.db.select({ n: count() }).from(credentials).where(eq(credentials.status, "valid"));
    expect(rows!.n).toBe(issued);
    const [logged] = await handle.db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.type, "credential.issued"));
    expect(logged!.n).toBe(issued);
    expect(await issueSeedCredentials(handle)).toEqual({ issued: 0 });
  });
});
