import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { departments } from "./schema";
import { createTestDb, type TestDb } from "./testing";

describe("database", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("applies the migrations and rolls back a failed transaction whole", async () => {
    await handle.db.insert(departments).values({ code: "tax", nameZh: "税务局", nameEn: "Tax Bureau" });
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(departments).values({ code: "land", nameZh: "自然资源局", nameEn: "Natural Resources Bureau" });
        await tx.insert(departments).values({ code: "tax", nameZh: "重复", nameEn: "duplicate" });
      }),
    ).rejects.toThrow();
    const rows = await handle.db.execute(sql`select code from departments order by code`);
    const codes = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map((r) => (r as { code: string }).code);
    expect(codes).toEqual(["tax"]);
  });
});
