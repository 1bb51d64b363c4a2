// GB 11643-1999 citizen identity number (公民身份号码): 6-digit address code, 8-digit birth
// date, 3-digit sequence (odd = male), check character (ISO 7064 MOD 11-2).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

export type ResidentIdProblem = "LENGTH" | "CHARACTERS" | "ADDRESS_CODE" | "BIRTH_DATE" | "CHECK_DIGIT";

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Full-width digits and a lower-case x are what people type; fold them before checking. */
export function normaliseResidentId(input: string): string {
  return input
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[xｘＸ]$/, "X");
}

export function checkResidentId(id: string, today: Date = new Date()): { ok: true } | { ok: false; problem: ResidentIdProblem } {
  if (id.length !== 18) return { ok: false, problem: "LENGTH" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: "CHARACTERS" };
  if (id.startsWith("0") || id.slice(0, 2) === "00") return { ok: false, problem: "ADDRESS_CODE" };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const valid =
    year >= 1900 &&
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day &&
    birth.getTime() <= today.getTime();
  if (!valid) return { ok: false, problem: "BIRTH_DATE" };
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: "CHECK_DIGIT" };
  return { ok: true };
}

/** Builds a valid number (seed data, tests): address code, birth date YYYYMMDD, sequence 0-999. */
export function makeResidentId(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = `${addressCode}${birthDate}${String(sequence).padStart(3, "0")}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`bad resident id parts: ${first17}`);
  return first17 + residentIdCheckChar(first17);
}

export function isMaleResidentId(id: string): boolean {
  return Number(id[16]) % 2 === 1;
}
