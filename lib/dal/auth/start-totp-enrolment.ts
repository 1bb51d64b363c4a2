// A staff member starts (or restarts) TOTP enrolment: a fresh secret is stored encrypted,
// not yet enabled, and shown once as a QR code and as text. Until a code from it is
// confirmed (confirm-totp-enrolment.ts) sign-in does not ask for one. An account already
// enrolled keeps its secret: changing it needs a senior admin to reset it (not built).
import "server-only";
import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import type { Actor } from "@/lib/auth/permissions";
import { newTotpSecret, totpUri } from "@/lib/auth/totp";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { ActionError } from "../action-error";
import { sealTotpSecret } from "./totp-store";

export interface TotpEnrolment {
  secret: string;
  uri: string;
  /** PNG data URL of the otpauth URI (the CSP allows data: images). */
  qrDataUrl: string;
}

export async function startTotpEnrolment(q: Queryable, options: { actor: Actor }): Promise<TotpEnrolment> {
  if (options.actor.role === "resident") throw new ActionError("forbidden");
  const [row] = await q.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, options.actor.userId)).limit(1);
  if (row?.enabledAt) throw new ActionError("totp.alreadyEnrolled");
  const secret = newTotpSecret();
  await q
    .update(users)
    .set({ totpSecretCipher: await sealTotpSecret(q, options.actor.userId, secret), totpLastStep: null })
    .where(eq(users.id, options.actor.userId));
  const uri = totpUri(options.actor.login, secret);
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, scale: 6 }) };
}
