// A resident opens an account: real name, GB 11643 resident ID, mobile phone, password.
// The ID and phone are stored encrypted with the registry's data key; the keyed HMAC of
// the ID (never the ID) is what makes a second account for the same person impossible.
// Error messages are `errors.*` i18n keys (lib/i18n/messages).
import "server-only";
import { eq, or } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { encryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import type { Db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { MOBILE_PATTERN } from "@/lib/domain/phone";
import { checkResidentId, normaliseResidentId } from "@/lib/domain/resident-id";
import { ActionError } from "../action-error";
import { loginIndex, sealIdentity } from "./user-identity";

export const MIN_PASSWORD_LENGTH = 10;

/** Half-width digits only, no spaces, dashes or a +86 prefix: what people paste. */
export function normalisePhone(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s-]/g, "")
    .replace(/^(\+?86)(?=1\d{10}$)/, "");
}

export const signUpSchema = z
  .object({
    name: z
      .string()
      .normalize("NFKC")
      .trim()
      .min(1, { message: "required", abort: true })
      .max(40, "signUp.nameTooLong")
      // Letters of any script, the middle dot of minority and foreign names, spaces.
      .regex(/^[\p{L}\p{M}·・.' -]+$/u, "signUp.nameInvalid"),
    residentId: z
      .string()
      .transform(normaliseResidentId)
      .superRefine((id, ctx) => {
        if (id === "") return void ctx.addIssue({ code: "custom", message: "required" });
        const check = checkResidentId(id);
        if (!check.ok) ctx.addIssue({ code: "custom", message: `signUp.residentId.${check.problem}` });
      }),
    phone: z
      .string()
      .transform(normalisePhone)
      .refine((phone) => phone !== "", "required")
      .refine((phone) => phone === "" || MOBILE_PATTERN.test(phone), "signUp.phoneInvalid"),
    password: z.string().min(1, "required").max(200, "signUp.passwordTooLong"),
  })
  .superRefine((form, ctx) => {
    const problem = passwordProblem(form.password, [form.residentId, form.phone]);
    if (problem && form.password !== "") ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type SignUpInput = z.output<typeof signUpSchema>;

/** Why a password is too weak, as an i18n key, or null when it will do. */
export function passwordProblem(password: string, personal: readonly string[]): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "signUp.passwordTooShort";
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return "signUp.passwordNeedsLettersAndDigits";
  const folded = password.toUpperCase();
  for (const value of personal) {
    // Any 6-digit stretch of the ID or the phone (birth date, last digits) counts too.
    if (value.length >= 6 && (folded.includes(value.toUpperCase()) || stretches(value, 6).some((part) => folded.includes(part)))) {
      return "signUp.passwordContainsPersonalData";
    }
  }
  return null;
}

function stretches(value: string, length: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + length <= value.length; i++) out.push(value.slice(i, i + length).toUpperCase());
  return out;
}

export interface NewResident {
  id: string;
  displayName: string;
  role: "resident";
  sessionVersion: number;
}

export async function signUpResident(db: Db, input: SignUpInput): Promise<NewResident> {
  const residentIdHmac = personalRef("resident-id", input.residentId);
  // Hash before the transaction: scrypt takes ~100 ms and must not hold a connection.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const clashes = await tx
        .select({ loginHmac: users.loginHmac, residentIdHmac: users.residentIdHmac })
        .from(users)
        .where(or(eq(users.residentIdHmac, residentIdHmac), eq(users.loginHmac, loginIndex(input.phone))));
      const fieldErrors: Record<string, string[]> = {};
      if (clashes.some((row) => row.residentIdHmac === residentIdHmac)) fieldErrors.residentId = ["signUp.residentIdTaken"];
      if (clashes.some((row) => row.loginHmac === loginIndex(input.phone))) fieldErrors.phone = ["signUp.phoneTaken"];
      if (Object.keys(fieldErrors).length > 0) throw new ActionError("signUp.alreadyRegistered", { fieldErrors });

      const [created] = await tx
        .insert(users)
        .values({
          ...(await sealIdentity(tx, { login: input.phone, displayName: input.name })),
          role: "resident",
          department: null,
          passwordHash,
          residentIdHmac,
          // The same column bindings as the seed's, so the case view and credentials open them.
          residentIdCipher: await encryptPersonal(tx, "registry", "resident_id", input.residentId),
          phoneCipher: await encryptPersonal(tx, "registry", "phone", input.phone),
        })
        .returning({ id: users.id, sessionVersion: users.sessionVersion });
      return { ...created!, displayName: input.name, role: "resident" as const };
    });
  } catch (error) {
    // Two sign-ups for the same person at the same moment: the unique index decides.
    if (isUniqueViolation(error)) throw new ActionError("signUp.alreadyRegistered");
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
