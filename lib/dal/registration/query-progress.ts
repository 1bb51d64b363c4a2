// Public progress query (进度查询): anyone with an application number and the last four digits
// of the applicant's (filer's) phone learns the application's status, and nothing else: no
// names, no unit, no dates. A wrong number and wrong digits get the same answer, and each
// address gets a few tries per minute, so the query cannot be used to find out which
// application numbers exist or to guess the digits.
// The phone is stored encrypted (registry data key); it is decrypted here, in memory, and
// only the last four digits are compared, as keyed HMACs in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import type { Db } from "@/lib/db";
import { registrationApplications, users } from "@/lib/db/schema";
import { createRateLimiter, type RateLimiter } from "@/lib/http/rate-limit";

export const progressQueryInputSchema = z.object({
  applicationId: z.string().trim().max(80),
  phoneLast4: z.string().trim().regex(/^\d{4}$/, "progress.digits"),
});

export type ProgressQueryAnswer = { ok: true; status: string } | { ok: false; reason: "NOT_FOUND" | "RATE_LIMITED"; retryAfterSeconds?: number };

/** Ten tries, then one more every six seconds (ten a minute), per client address. */
const defaultLimiter = createRateLimiter({ capacity: 10, refillPerSecond: 1 / 6 });

// A per-process key: the HMACs only need to be comparable within this call.
const compareKey = createHmac("sha256", "progress-query").update(String(process.pid) + String(Math.random())).digest();
const mac = (digits: string) => createHmac("sha256", compareKey).update(digits, "utf8").digest();

export async function queryProgress(
  db: Db,
  options: { input: z.input<typeof progressQueryInputSchema>; clientKey: string; limiter?: RateLimiter },
): Promise<ProgressQueryAnswer> {
  const verdict = (options.limiter ?? defaultLimiter).take(options.clientKey);
  if (!verdict.ok) return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: verdict.retryAfterSeconds };
  const input = progressQueryInputSchema.parse(options.input);
  const [row] = await db
    .select({ status: registrationApplications.status, phoneCipher: users.phoneCipher })
    .from(registrationApplications)
    .innerJoin(users, eq(users.id, registrationApplications.filedBy))
    .where(eq(registrationApplications.id, input.applicationId))
    .limit(1);
  let stored = "----"; // never four digits: an unknown number compares, and fails, like a wrong one
  if (row?.phoneCipher && row.status !== "draft") {
    const phone = await decryptPersonal(db, "registry", "phone", row.phoneCipher);
    stored = phone.slice(-4);
  }
  const match = timingSafeEqual(mac(stored), mac(input.phoneLast4));
  return match && row ? { ok: true, status: row.status } : { ok: false, reason: "NOT_FOUND" };
}
