// RFC 6238 TOTP (SHA-1, 6 digits, 30 s — what every authenticator app reads) through otplib 13.
// Pure: the secret, the otpauth URI for the QR code, and the code check with RFC 6238 §5.2
// replay protection (a step at or before the last accepted one is refused) and one step of
// clock drift either way.
import { generate, generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = "Deedchain";

/** A fresh 160-bit secret, base32. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(login: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: login, secret });
}

/** Full-width digits (Chinese keyboards) and spaces ("123 456") are accepted. */
export function normaliseTotpCode(input: string): string {
  return input.normalize("NFKC").replace(/[\s-]/g, "");
}

export type TotpCheck = { ok: true; step: number } | { ok: false };

export async function checkTotp(options: { secret: string; code: string; lastStep: number | null; now?: Date }): Promise<TotpCheck> {
  const code = normaliseTotpCode(options.code);
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const result = await verify({
    secret: options.secret,
    token: code,
    epoch: Math.floor((options.now ?? new Date()).getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(options.lastStep === null ? {} : { afterTimeStep: options.lastStep }),
  }).catch(() => ({ valid: false as const }));
  // The TOTP result carries `timeStep`; otplib's union type also covers HOTP results.
  return result.valid && "timeStep" in result ? { ok: true, step: result.timeStep } : { ok: false };
}

/** The code an authenticator shows now (tests, and `npm start`'s demo hint). */
export async function currentTotpCode(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
