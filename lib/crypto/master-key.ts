// The master key wraps every department's data key and keys the HMAC references on the
// ledger. Production sets MASTER_KEY; a development install generates one into DATA_DIR.
import { randomBytes, hkdfSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: Buffer | undefined;

export function masterKey(): Buffer {
  if (cached) return cached;
  if (env.MASTER_KEY) {
    cached = Buffer.from(env.MASTER_KEY, "base64");
    return cached;
  }
  const file = path.join(env.DATA_DIR, "master.key");
  if (!existsSync(file)) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  }
  cached = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (cached.length !== 32) throw new Error(`${file} must hold 32 bytes, base64`);
  return cached;
}

/** A sub-key for one purpose (HKDF-SHA256), so no key is used for two jobs. */
export function deriveKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(), Buffer.alloc(0), `deedchain:${purpose}`, 32));
}
