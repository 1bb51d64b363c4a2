// The key that signs and encrypts session tokens (next-auth JWE). Production sets
// NEXTAUTH_SECRET; a development install generates one into DATA_DIR once, so sessions
// survive restarts and every process on the same data folder agrees on it.
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  if (env.NEXTAUTH_SECRET) {
    cached = env.NEXTAUTH_SECRET;
    return cached;
  }
  const file = path.join(env.DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it between our check and our write: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  cached = readFileSync(file, "utf8").trim();
  if (cached.length < 32) throw new Error(`${file} must hold a secret of at least 32 characters`);
  return cached;
}
