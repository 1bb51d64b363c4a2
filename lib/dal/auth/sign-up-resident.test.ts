import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { decryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { users } from "@/lib/db/schema";
import { makeResidentId } from "@/lib/domain/resident-id";
import { ActionError } from "../action-error";
import { passwordProblem, signUpResident, signUpSchema } from "./sign-up-resident";
import { loginIndex, openDisplayName, openLogin } from "./user-identity";

const ID = makeResidentId("431302", "19880612", 51);
const form = { name: "王小明", residentId: ID, phone: "13912345678", password: "Loudi-house-2026" };

function fieldErrors(input: Record<string, string>): Record<string, string[]> {
  const parsed = signUpSchema.safeParse(input);
  if (parsed.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe("sign-up form validation", () => {
  it("accepts a well-formed form, folding a lower-case x, full-width digits and +86", () => {
    const withX = makeResidentId("431302", "19920430", 4);
    const parsed = signUpSchema.parse({ ...form, residentId: withX.replace("X", "x"), phone: "+86 139-1234-5678" });
    expect(parsed.phone).toBe("13912345678");
    expect(parsed.residentId).toBe(withX);
    expect(signUpSchema.parse({ ...form, residentId: ID.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) }).residentId).toBe(ID);
  });

  it("names the problem with a resident ID: check digit, length, birth date", () => {
    const wrongCheck = ID.slice(0, 17) + (ID[17] === "1" ? "2" : "1");
    expect(fieldErrors({ ...form, residentId: wrongCheck }).residentId).toEqual(["signUp.residentId.CHECK_DIGIT"]);
    expect(fieldErrors({ ...form, residentId: ID.slice(0, 15) }).residentId).toEqual(["signUp.residentId.LENGTH"]);
    expect(fieldErrors({ ...form, residentId: makeResidentId("431302", "19880230", 51) }).residentId).toEqual(["signUp.residentId.BIRTH_DATE"]);
    expect(fieldErrors({ ...form, residentId: makeResidentId("431302", "20991231", 51) }).residentId).toEqual(["signUp.residentId.BIRTH_DATE"]);
    expect(fieldErrors({ ...form, residentId: "" }).residentId).toEqual(["required"]);
  });

  it("refuses a bad phone number and a bad name", () => {
    expect(fieldErrors({ ...form, phone: "12912345678" }).phone).toEqual(["signUp.phoneInvalid"]);
    expect(fieldErrors({ ...form, name: "王<script>" }).name).toEqual(["signUp.nameInvalid"]);
    expect(fieldErrors({ ...form, name: "  " }).name).toEqual(["required"]);
  });

  it("refuses names and numbers that hide characters: right-to-left override, zero-width, NUL", () => {
    for (const name of ["王\u202E明小", "王\u200B小明", "王小\u200D明", "王\u0000小明", "王\u2066小明"]) {
      expect(fieldErrors({ ...form, name }).name, JSON.stringify(name)).toEqual(["signUp.nameInvalid"]);
    }
    expect(fieldErrors({ ...form, residentId: `${ID.slice(0, 6)}\u200B${ID.slice(6)}` }).residentId).toBeDefined();
    expect(fieldErrors({ ...form, phone: "139\u202E12345678" }).phone).toEqual(["signUp.phoneInvalid"]);
    // Full-width digits are what a Chinese keyboard types: folded, not refused.
    expect(signUpSchema.parse({ ...form, phone: "１３９１２３４５６７８" }).phone).toBe("13912345678");
  });

  it("explains why a password is weak", () => {
    expect(passwordProblem("short1", [])).toBe("signUp.passwordTooShort");
    expect(passwordProblem("onlyletterspassword", [])).toBe("signUp.passwordNeedsLettersAndDigits");
    expect(passwordProblem("1234567890123", [])).toBe("signUp.passwordNeedsLettersAndDigits");
    expect(passwordProblem(`pw${form.phone}`, [ID, form.phone])).toBe("signUp.passwordContainsPersonalData");
    expect(passwordProblem("house19880612", [ID, form.phone])).toBe("signUp.passwordContainsPersonalData");
    expect(passwordProblem("Loudi-house-2026", [ID, form.phone])).toBeNull();
    expect(fieldErrors({ ...form, password: "abc" }).password).toEqual(["signUp.passwordTooShort"]);
  });
});

describe("signUpResident", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("stores the ID and phone encrypted, the ID's HMAC, a hashed password, login = phone", async () => {
    const created = await signUpResident(handle.db, signUpSchema.parse(form));
    const rows = await handle.db.select().from(users);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ id: created.id, role: "resident", department: null, legacyLogin: null, legacyDisplayName: null });
    expect(created.displayName).toBe("王小明");
    expect(row!.residentIdHmac).toBe(personalRef("resident-id", ID));
    // Name and login (the phone) are ciphertext too; the login is found by its blind index.
    expect(JSON.stringify(row)).not.toContain(ID);
    expect(JSON.stringify(row)).not.toContain("王小明");
    expect(JSON.stringify(row)).not.toContain(form.phone);
    expect(row!.loginHmac).toBe(loginIndex(form.phone));
    expect(await openDisplayName(handle.db, row!.displayNameCipher)).toBe("王小明");
    expect(await openLogin(handle.db, row!.loginCipher)).toBe(form.phone);
    expect(row!.phoneCipher).not.toContain(form.phone);
    expect(await decryptPersonal(handle.db, "registry", "resident_id", row!.residentIdCipher!)).toBe(ID);
    expect(await decryptPersonal(handle.db, "registry", "phone", row!.phoneCipher!)).toBe(form.phone);
    expect(await verifyPassword(form.password, row!.passwordHash)).toBe(true);
  });

  it("refuses a second account for the same ID or the same phone and writes nothing", async () => {
    const sameId = signUpSchema.parse({ ...form, phone: "13700000000" });
    await expect(signUpResident(handle.db, sameId)).rejects.toMatchObject({
      message: "signUp.alreadyRegistered",
      fieldErrors: { residentId: ["signUp.residentIdTaken"] },
    });
    const samePhone = signUpSchema.parse({ ...form, residentId: makeResidentId("431302", "19900101", 12) });
    const error = await signUpResident(handle.db, samePhone).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).fieldErrors).toEqual({ phone: ["signUp.phoneTaken"] });
    expect(await handle.db.select().from(users)).toHaveLength(1);
  });
});
