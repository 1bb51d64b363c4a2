// Record revisions (issue 6 item 6): the registry's admin corrects a unit's area with a reason;
// the correction is a new signed entry naming the old and the new value (the entries before it
// are untouched); the register shows the new value; the holder's history lists the correction.
// A correction of a claim the credential shows (area, use) reissues it: the new credential
// carries the corrected value and the same holders, the old one is superseded by it.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentials, ledgerEntries, properties } from "@/lib/db/schema";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { DISCLOSURES_FIELD } from "@/lib/dal/credentials/issue-credential";
import { actorByLogin, createFlowFixture, demoResident, unitsHeldBy, type FlowFixture } from "@/lib/dal/registration/testing";
import { listMyProperties } from "./list-my-properties";
import { getPropertyForRevision, reviseProperty } from "./revise-property";

let f: FlowFixture;

type CredentialRow = typeof credentials.$inferSelect;
const validCredential = async (unit: string) => (await f.db.select().from(credentials).where(and(eq(credentials.unitNumber, unit), eq(credentials.status, "valid"))))[0];
const claimsOf = (row: CredentialRow) => JSON.parse(Buffer.from(row.sdJwt.split("~")[0]!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
/** The holder claims a credential discloses (its sealed disclosures, decoded). */
async function disclosedOf(row: CredentialRow): Promise<Record<string, unknown>> {
  const sealed = JSON.parse(await decryptPersonal(f.db, "registry", DISCLOSURES_FIELD, row.holderDisclosuresCipher)) as Record<string, string>;
  return Object.fromEntries(Object.values(sealed).map((d) => (JSON.parse(Buffer.from(d, "base64url").toString("utf8")) as [string, string, unknown]).slice(1)));
}
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
    const oldCredential = (await validCredential(unit!))!;
    expect(claimsOf(oldCredential).area).toBe(Number(before.record.area));

    const { seq, credential } = await reviseProperty(f.db, { actor: admin, input: { unitNumber: unit!, field: "area", value: "123.4", reason: "survey_error" } });
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

    // The credential is reissued with the corrected area and supersedes the old one.
    expect(credential).toMatchObject({ superseded: oldCredential.id, seq: seq + 1 });
    const reissued = (await validCredential(unit!))!;
    expect(reissued.id).toBe(credential!.id);
    expect(claimsOf(reissued)).toMatchObject({ credentialId: reissued.id, unitNumber: unit, area: 123.4, use: claimsOf(oldCredential).use, status: claimsOf(oldCredential).status, ledgerSeq: seq + 1 });
    expect(reissued).toMatchObject({ reason: "record_revision", supersedes: oldCredential.id, holderRefs: oldCredential.holderRefs });
    expect(await disclosedOf(reissued)).toEqual(await disclosedOf(oldCredential));
    const [old] = await f.db.select().from(credentials).where(eq(credentials.id, oldCredential.id));
    expect(old).toMatchObject({ status: "superseded", supersededBy: reissued.id });
    const logged = await f.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.seq, seq + 2)));
    expect(JSON.parse(logged[0]!.entry)).toMatchObject({ type: "credential.superseded", subject: oldCredential.id, payload: { supersededBy: reissued.id, reason: "record_revision" } });
    expect(after.credentialId).toBe(reissued.id);
    expect(mine.credential).toMatchObject({ id: reissued.id, reason: "record_revision" });
  });

  it("reissues on a change of use, but not for a field the credential does not show", async () => {
    const admin = await actorByLogin(f.db, "admin.registry");
    const owner = await demoResident(f.db, "杨丽");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const first = (await validCredential(unit!))!;
    const record = (await getPropertyForRevision(f.db, { actor: admin, unitNumber: unit! }))!.record;
    const year = await reviseProperty(f.db, { actor: admin, input: { unitNumber: unit!, field: "builtYear", value: String(record.builtYear === 2001 ? 2002 : 2001), reason: "data_entry_error" } });
    expect(year.credential).toBeNull();
    expect((await validCredential(unit!))!.id).toBe(first.id);
    const use = record.use === "commercial" ? "residential" : "commercial";
    const changed = await reviseProperty(f.db, { actor: admin, input: { unitNumber: unit!, field: "use", value: use, reason: "court_judgment" } });
    const second = (await validCredential(unit!))!;
    expect(changed.credential).toMatchObject({ id: second.id, superseded: first.id });
    expect(claimsOf(second)).toMatchObject({ use, area: claimsOf(first).area });
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
