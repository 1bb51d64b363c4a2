// Record revisions (issue 6 item 6): the registry's admin corrects a unit's area with a reason;
// the correction is a new signed entry naming the old and the new value (the entries before it
// are untouched); the register shows the new value; the holder's history lists the correction.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, properties } from "@/lib/db/schema";
import { actorByLogin, createFlowFixture, demoResident, unitsHeldBy, type FlowFixture } from "@/lib/dal/registration/testing";
import { listMyProperties } from "./list-my-properties";
import { getPropertyForRevision, reviseProperty } from "./revise-property";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
});
afterAll(async () => f?.close());

describe("property record revisions", () => {
  it("supersedes a wrong area with a new entry; the holder's history shows both values", async () => {
    const admin = await actorByLogin(f.db, "admin.registry");
    const owner = await demoResident(f.db, "张伟");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const before = (await getPropertyForRevision(f.db, { actor: admin, unitNumber: unit! }))!;
    expect(before.revisions).toEqual([]);
    const entriesBefore = await f.db.select().from(ledgerEntries);

    const { seq } = await reviseProperty(f.db, { actor: admin, input: { unitNumber: unit!, field: "area", value: "123.4", reason: "survey_error" } });
    const [entry] = await f.db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, seq));
    expect(JSON.parse(entry!.entry)).toMatchObject({
      type: "property.revised",
      department: "registry",
      actor: admin.userId,
      subject: unit,
      payload: { unitNumber: unit, field: "area", before: before.record.area, after: "123.40", reason: "survey_error" },
    });
    // Nothing earlier changed: every previous entry is byte for byte as it was.
    const entriesAfter = await f.db.select().from(ledgerEntries);
    expect(entriesAfter.filter((e) => e.seq < seq)).toEqual(entriesBefore);

    const [row] = await f.db.select().from(properties).where(eq(properties.unitNumber, unit!));
    expect(Number(row!.area)).toBe(123.4);
    const after = (await getPropertyForRevision(f.db, { actor: admin, unitNumber: unit! }))!;
    expect(after.revisions).toMatchObject([{ seq, field: "area", before: before.record.area, after: "123.40", reason: "survey_error" }]);

    const mine = (await listMyProperties(f.db, { actor: owner.actor })).find((p) => p.unitNumber === unit)!;
    expect(mine.area).toBe(123.4);
    expect(mine.history.find((h) => h.type === "property.revised")).toMatchObject({ seq, revision: { field: "area", before: before.record.area, after: "123.40" } });
    expect(mine.history.some((h) => h.type === "credential.issued")).toBe(true);
  });

  it("refuses other departments' admins, clerks, an unchanged value and a malformed one", async () => {
    const admin = await actorByLogin(f.db, "admin.registry");
    const owner = await demoResident(f.db, "刘芳");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const input = { unitNumber: unit!, field: "builtYear" as const, value: "2001", reason: "data_entry_error" as const };
    await expect(reviseProperty(f.db, { actor: await actorByLogin(f.db, "admin.tax"), input })).rejects.toMatchObject({ name: "ForbiddenError" });
    await expect(reviseProperty(f.db, { actor: await actorByLogin(f.db, "clerk.registry"), input })).rejects.toMatchObject({ name: "ForbiddenError" });
    const current = (await getPropertyForRevision(f.db, { actor: admin, unitNumber: unit! }))!.record;
    await expect(reviseProperty(f.db, { actor: admin, input: { ...input, value: String(current.builtYear) } })).rejects.toMatchObject({ message: "adminRevisions.unchanged" });
    await expect(reviseProperty(f.db, { actor: admin, input: { ...input, field: "area", value: "-3" } })).rejects.toMatchObject({ message: "adminRevisions.areaForm" });
    await expect(reviseProperty(f.db, { actor: admin, input: { ...input, unitNumber: "431302005015GB00001F99999999" } })).rejects.toMatchObject({ message: "adminRevisions.noUnit" });
  });
});
