import { describe, expect, it } from "vitest";
import { checkTotp, currentTotpCode, newTotpSecret, normaliseTotpCode, totpUri } from "./totp";

describe("TOTP (RFC 6238)", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-11-24T03:00:10Z");

  it("accepts the current code and one step of drift, nothing older", async () => {
    const code = await currentTotpCode(secret, now);
    expect(await checkTotp({ secret, code, lastStep: null, now })).toEqual({ ok: true, step: Math.floor(now.getTime() / 30_000) });
    expect((await checkTotp({ secret, code, lastStep: null, now: new Date(now.getTime() + 30_000) })).ok).toBe(true);
    expect((await checkTotp({ secret, code, lastStep: null, now: new Date(now.getTime() + 90_000) })).ok).toBe(false);
  });

  it("refuses a code whose step was already used (replay)", async () => {
    const code = await currentTotpCode(secret, now);
    const first = await checkTotp({ secret, code, lastStep: null, now });
    expect(first.ok).toBe(true);
    expect((await checkTotp({ secret, code, lastStep: (first as { step: number }).step, now })).ok).toBe(false);
  });

  it("refuses wrong, short and foreign-secret codes", async () => {
    const code = await currentTotpCode(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect((await checkTotp({ secret, code: wrong, lastStep: null, now })).ok).toBe(false);
    expect((await checkTotp({ secret, code: code.slice(1), lastStep: null, now })).ok).toBe(false);
    expect((await checkTotp({ secret: newTotpSecret(), code, lastStep: null, now })).ok).toBe(false);
    expect((await checkTotp({ secret, code: "' OR 1=1 --", lastStep: null, now })).ok).toBe(false);
  });

  it("reads full-width digits and spaces", async () => {
    const code = await currentTotpCode(secret, now);
    const fullWidth = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    expect(normaliseTotpCode(`${fullWidth.slice(0, 3)} ${fullWidth.slice(3)}`)).toBe(code);
    expect((await checkTotp({ secret, code: fullWidth, lastStep: null, now })).ok).toBe(true);
  });

  it("describes the account for authenticator apps", () => {
    expect(totpUri("senior.admin", "ABC")).toBe("otpauth://totp/Deedchain:senior.admin?secret=ABC&issuer=Deedchain");
  });
});
